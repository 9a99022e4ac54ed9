package chat.cli.command;

/**
 * Whether a typed line is {@code /quit} (or its alias {@code /exit}) with nothing after it: the TUI
 * and line mode act on it at once, as it is read, instead of queueing it behind a command still
 * running (a {@code /history} waiting for a relay that stopped answering), so leaving never waits.
 */
public final class QuitLine {
  /** Glyphs of a message shown in the line that says it was not sent. */
  private static final int PREVIEW_GLYPHS = 24;

  private QuitLine() {}

  /**
   * What is said, as the client ends, of {@code line}, typed for {@code where} (a conversation's
   * label) before {@code /quit} but never run: {@code not sent (you left first): #ops "deploy at
   * no..."}, or {@code not run (you left first): /join}, never a command's arguments (they may hold
   * a secret). The person types it again next time.
   */
  public static String neverRun(String line, String where) {
    Input input = InputParser.parse(line);
    if (input instanceof Input.Command command) {
      return "not run (you left first): /" + command.name();
    }
    String text = input instanceof Input.Text typed ? typed.text() : line;
    return "not sent (you left first): " + quoted(where, text);
  }

  /**
   * What is said of {@code count} lines typed before {@code /quit} behind a command that may have
   * asked for a secret (a passphrase typed ahead of its prompt must not be printed): only how many.
   */
  public static String neverRunCount(int count) {
    return count == 1
        ? "1 line typed before you left was not run"
        : count + " lines typed before you left were not run";
  }

  /**
   * {@code text} shortened and quoted after {@code where} (none if empty): {@code #ops "deploy at
   * no..."}.
   */
  public static String quoted(String where, String text) {
    return (where.isEmpty() ? "" : where + " ")
        + "\""
        + chat.cli.emoji.Graphemes.shorten(chat.cli.TerminalSafe.line(text), PREVIEW_GLYPHS, "...")
        + "\"";
  }

  /** True for {@code /quit} and {@code /exit}, in any case, with spaces around but no arguments. */
  public static boolean is(String line) {
    return InputParser.parse(line) instanceof Input.Command command
        && command.argCount() == 0
        && (command.name().equals("quit") || command.name().equals("exit"));
  }
}
