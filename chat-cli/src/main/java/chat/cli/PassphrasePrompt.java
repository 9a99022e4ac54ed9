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

  /**
   * Whether there is a terminal to ask on, as far as can be told without asking: a command that
   * cannot prompt then says which variable to set before it connects anywhere. By default yes.
   */
  default boolean canAsk() {
    return true;
  }

  /**
   * Turns the terminal's echo off now, for a command that knows it will prompt (after connecting),
   * so that keys typed before the prompt appears, a passphrase typed early, are not shown in clear
   * either: the prompt then reads them as typed. Closing the result puts the terminal back as it
   * was, and so does the end of the process (Ctrl-C) before that. By default, and where there is no
   * terminal, nothing changes.
   */
  default Hidden hideTyping() {
    return Hidden.NOTHING;
  }

  /** The terminal's echo held off until {@link #close}; closing again does nothing. */
  interface Hidden extends AutoCloseable {
    /** Nothing to put back. */
    Hidden NOTHING = () -> {};

    /** Puts the terminal back as it was before {@link PassphrasePrompt#hideTyping}. */
    @Override
    void close();
  }
}
