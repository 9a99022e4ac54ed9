package chat.cli.command;

import java.util.List;
import java.util.Objects;

/**
 * One line the person typed, as {@link InputParser} reads it: nothing, text for the current
 * conversation, or a slash command.
 */
public sealed interface Input {
  /** A blank line: does nothing. */
  record Blank() implements Input {}

  /**
   * Text for the current conversation, already unescaped ({@code //x} is {@code /x}, a leading
   * space removed).
   *
   * @param text the text to send, never blank
   */
  record Text(String text) implements Input {
    /** Checks for null. */
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * A slash command: {@code /name arg1 arg2 ...}.
   *
   * @param name the command name as typed, without the slash, lowercased
   * @param args the whitespace-separated arguments
   * @param argText everything after the name with the separating whitespace removed, inner spacing
   *     kept (for commands that take free text)
   */
  record Command(String name, List<String> args, String argText) implements Input {
    /** Copies the arguments and checks for nulls. */
    public Command {
      Objects.requireNonNull(name, "name");
      args = List.copyOf(args);
      Objects.requireNonNull(argText, "argText");
    }

    /** The argument at {@code index}. */
    public String arg(int index) {
      return args.get(index);
    }

    /** How many arguments there are. */
    public int argCount() {
      return args.size();
    }

    /**
     * The text after the first {@code skip} arguments, inner spacing kept; empty if there is none.
     */
    public String rest(int skip) {
      String text = argText;
      for (int i = 0; i < skip && !text.isEmpty(); i++) {
        int end = 0;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
          end++;
        }
        text = InputParser.stripLeadingSpace(text.substring(end));
      }
      return text;
    }
  }
}
