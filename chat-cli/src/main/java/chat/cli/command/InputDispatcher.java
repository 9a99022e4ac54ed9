package chat.cli.command;

/**
 * Handles one line the person typed: a slash command, or text for the current conversation (a
 * leading space or {@code //} sends a literal slash).
 */
@FunctionalInterface
public interface InputDispatcher {
  /** Runs {@code line} against {@code context}; failures are shown through the context. */
  void dispatch(String line, CommandContext context);

  /**
   * As {@link #dispatch}, except that a {@link chat.cli.CommandException} goes to the caller, which
   * says it: the full screen names the message a failure was for, since it may come late and in
   * another pane. By default {@link #dispatch}.
   */
  default void dispatchOrThrow(String line, CommandContext context) {
    dispatch(line, context);
  }
}
