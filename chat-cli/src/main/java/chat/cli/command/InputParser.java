package chat.cli.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads a typed line: a line starting with {@code /} is a command, {@code //text} is the literal
 * text {@code /text}, a line starting with a space is text with that one space removed (so {@code "
 * /shrug"} sends {@code /shrug}), any other non-blank line is text, and a blank line is nothing.
 */
public final class InputParser {
  private InputParser() {}

  /** Parses one line (without its line terminator). */
  public static Input parse(String line) {
    Objects.requireNonNull(line, "line");
    if (line.isBlank()) {
      return new Input.Blank();
    }
    if (line.startsWith("//")) {
      return new Input.Text(line.substring(1));
    }
    if (line.startsWith(" ")) {
      return new Input.Text(line.substring(1));
    }
    if (!line.startsWith("/")) {
      return new Input.Text(line);
    }
    int nameEnd = 1;
    while (nameEnd < line.length() && !Character.isWhitespace(line.charAt(nameEnd))) {
      nameEnd++;
    }
    String name = line.substring(1, nameEnd).toLowerCase(Locale.ROOT);
    String argText = stripLeadingSpace(line.substring(nameEnd));
    return new Input.Command(name, split(argText), argText);
  }

  private static List<String> split(String text) {
    List<String> args = new ArrayList<>();
    for (String word : text.strip().split("\\s+")) {
      if (!word.isEmpty()) {
        args.add(word);
      }
    }
    return args;
  }

  /**
   * {@code line} without the line breaks before and after it: a paste's, which would only show as
   * empty lines. Line breaks inside are kept.
   */
  public static String withoutOuterLineBreaks(String line) {
    int start = 0;
    int end = line.length();
    while (start < end && line.charAt(start) == '\n') {
      start++;
    }
    while (end > start && line.charAt(end - 1) == '\n') {
      end--;
    }
    return line.substring(start, end);
  }

  static String stripLeadingSpace(String text) {
    int start = 0;
    while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    return text.substring(start);
  }
}
