package chat.cli.command;

/**
 * Whether a typed line is {@code /quit} (or its alias {@code /exit}) with nothing after it: the TUI
 * and line mode act on it at once, as it is read, instead of queueing it behind a command still
 * running (a {@code /history} waiting for a relay that stopped answering), so leaving never waits.
 */
public final class QuitLine {
  private QuitLine() {}

  /** True for {@code /quit} and {@code /exit}, in any case, with spaces around but no arguments. */
  public static boolean is(String line) {
    return InputParser.parse(line) instanceof Input.Command command
        && command.argCount() == 0
        && (command.name().equals("quit") || command.name().equals("exit"));
  }
}
