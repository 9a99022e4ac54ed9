package chat.cli.command;

import chat.cli.TerminalSafe;
import java.util.List;

/** {@code /away [MESSAGE]} and {@code /back}. */
final class PresenceCommands {
  private PresenceCommands() {}

  static List<SlashCommand> all() {
    return List.of(
        SlashCommand.named("away", "/away [MESSAGE]", "tell others you are away")
            .arguments(0, SlashCommand.UNLIMITED)
            .help(
                "Members of your rooms and your friends see 'away' and the message (at most",
                "200 characters) until you type /back or disconnect. example: /away lunch")
            .runs(
                (command, context) -> {
                  String message = command.argText().strip();
                  context.client().away(message);
                  context.info(
                      message.isEmpty()
                          ? "you are away; /back when you return"
                          : "you are away: " + TerminalSafe.line(message));
                }),
        SlashCommand.named("back", "/back", "tell others you are back")
            .runs(
                (command, context) -> {
                  Arguments.self(context); // not logged in is said first
                  if (!context.client().isAway()) {
                    context.info("you are not away (/away [MESSAGE] to say you are)");
                    return;
                  }
                  context.client().back();
                  context.info("you are back");
                }));
  }
}
