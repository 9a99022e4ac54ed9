package chat.cli.command;

/** The body of one slash command. */
@FunctionalInterface
public interface CommandHandler {
  /**
   * Runs {@code command}, whose argument count was already checked, against {@code context}.
   *
   * @throws chat.cli.CommandException for anything the person should see as an error line
   */
  void run(Input.Command command, CommandContext context);
}
