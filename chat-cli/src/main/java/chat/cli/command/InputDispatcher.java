package chat.cli.command;

/**
 * Handles one line the person typed: a slash command, or text for the current conversation (a
 * leading space or {@code //} sends a literal slash).
 */
@FunctionalInterface
public interface InputDispatcher {
  /** Runs {@code line} against {@code context}; failures are shown through the context. */
  void dispatch(String line, CommandContext context);
}
