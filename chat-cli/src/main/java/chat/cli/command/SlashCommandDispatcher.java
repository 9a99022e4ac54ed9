package chat.cli.command;

import chat.cli.CommandException;
import chat.cli.TerminalSafe;
import chat.cli.emoji.Graphemes;
import java.util.List;
import java.util.Objects;

/**
 * The {@link InputDispatcher} every front end uses: parses a line with {@link InputParser}, runs
 * the slash command from a {@link CommandRegistry} or sends the text to the current conversation.
 * Nothing is thrown out: a {@link CommandException} becomes an error line with its message, and any
 * other exception a short "internal error" line without a stack trace.
 */
public final class SlashCommandDispatcher implements InputDispatcher {
  /** The most glyphs of an unexpected exception's message shown, {@code ...} included. */
  static final int MAX_INTERNAL_MESSAGE_GLYPHS = 200;

  /** The most command names an unknown command's error offers. */
  private static final int MAX_SUGGESTIONS = 6;

  private final CommandRegistry registry;

  /** A dispatcher for the commands in {@code registry}. */
  public SlashCommandDispatcher(CommandRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** A dispatcher for {@link CommandRegistry#standard()}. */
  public SlashCommandDispatcher() {
    this(CommandRegistry.standard());
  }

  /** The commands this dispatcher runs (for completion and help). */
  public CommandRegistry registry() {
    return registry;
  }

  @Override
  public void dispatch(String line, CommandContext context) {
    try {
      execute(line, context);
    } catch (CommandException e) {
      context.error(CommandWords.SLASH.said(e));
    } catch (RuntimeException e) {
      context.error(internalError(e));
    }
  }

  @Override
  public void dispatchOrThrow(String line, CommandContext context) {
    try {
      execute(line, context);
    } catch (CommandException e) {
      throw e;
    } catch (RuntimeException e) {
      context.error(internalError(e));
    }
  }

  /**
   * Runs {@code line} like {@link #dispatch} but lets a failure out, for callers that turn it into
   * an exit code ({@code chat run}).
   *
   * @throws CommandException when the command fails
   */
  public void execute(String line, CommandContext context) {
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(context, "context");
    Input input = InputParser.parse(line);
    if (input instanceof Input.Command) {
      run((Input.Command) input, line.indexOf('\n') >= 0, context);
    } else if (input instanceof Input.Text) {
      MessageCommands.sendToCurrent(((Input.Text) input).text(), context);
    }
  }

  private void run(Input.Command command, boolean severalLines, CommandContext context) {
    SlashCommand found =
        registry.find(command.name()).orElseThrow(() -> unknown(registry, command.name()));
    if (severalLines && !found.acceptsLines()) {
      // Pasted lines: only a command whose text may span lines may run (not /file accept, /leave).
      throw new CommandException.Usage(
          "/"
              + found.name()
              + " takes one line; to send the pasted lines as a message, start them with //"
              + " or a space");
    }
    if (command.argCount() < found.minArgs() || command.argCount() > found.maxArgs()) {
      throw new CommandException.Usage(
          "usage: " + found.usage() + "  (/help " + found.name() + ")");
    }
    if (found.needsLogin()) {
      Arguments.self(context);
    }
    found.handler().run(command, context);
  }

  /**
   * The error for a command name that is not in {@code registry}, with a suggestion if one is near.
   */
  static CommandException unknown(CommandRegistry registry, String typed) {
    if (typed.isEmpty() || typed.equals("/")) {
      return new CommandException.Usage("a command name must follow the slash: /help lists them");
    }
    String shown = TerminalSafe.line(typed.startsWith("/") ? typed : "/" + typed);
    if (shown.equalsIgnoreCase("/nick")) {
      return new CommandException.Usage(
          "there is no /nick: others know you by the name you registered, which does not change"
              + " (/register NAME makes another account). /help lists the commands.");
    }
    List<String> near = registry.suggestions(typed);
    String suggestion = near.isEmpty() ? "" : " Did you mean " + oneOf(near) + "?";
    return new CommandException.Usage(
        "unknown command " + shown + "." + suggestion + " /help lists the commands.");
  }

  /**
   * {@code /a}, {@code /a or /b}, {@code /a, /b or /c}; past {@value #MAX_SUGGESTIONS} names, the
   * first of them and how many more.
   */
  private static String oneOf(List<String> names) {
    List<String> slashed = names.stream().map(name -> "/" + name).toList();
    if (slashed.size() > MAX_SUGGESTIONS) {
      return String.join(", ", slashed.subList(0, MAX_SUGGESTIONS))
          + " or one of "
          + (slashed.size() - MAX_SUGGESTIONS)
          + " more";
    }
    if (slashed.size() == 1) {
      return slashed.get(0);
    }
    return String.join(", ", slashed.subList(0, slashed.size() - 1))
        + " or "
        + slashed.get(slashed.size() - 1);
  }

  private static String internalError(RuntimeException e) {
    String detail =
        e.getMessage() == null
            ? ""
            : ": "
                + Graphemes.shorten(
                    TerminalSafe.line(e.getMessage()), MAX_INTERNAL_MESSAGE_GLYPHS, "...");
    return "internal error (" + e.getClass().getSimpleName() + detail + ")";
  }
}
