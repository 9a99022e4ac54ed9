package chat.cli;

/** Asks the person at the terminal for a passphrase without echoing it. */
@FunctionalInterface
public interface PassphrasePrompt {
  /**
   * Shows {@code prompt} and reads one line with echo off.
   *
   * @return the characters typed (the caller zeroes them), or {@code null} at end of input
   * @throws CommandException.Usage if there is no terminal to ask on
   */
  char[] read(String prompt);
}
