package chat.cli;

import chat.cli.client.ChatClient;
import chat.protocol.ConversationIds;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code chat leave ROOM}: leaves a room; {@code chat leave @USER}: closes the private conversation
 * with USER for this user, on every device, until either of them writes there again.
 */
@Command(
    name = "leave",
    description = {
      "Leave a room, or close your private conversation with @USER.",
      "A closed conversation keeps its messages and opens again when either of you writes."
    })
final class LeaveCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin RelayOptions relay;

  @Parameters(
      paramLabel = "ROOM|@USER",
      description = "room name (with or without #), or @USER for your private conversation")
  String room;

  LeaveCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    HistoryCommand.checkTarget(room);
    RelayCommandSupport support = new RelayCommandSupport(context, spec, relay);
    boolean direct = room.startsWith("@");
    return support.change(
        support.loggedIn(false),
        direct ? "the conversation was closed" : "the room was left",
        client -> {
          if (direct) {
            close(support, client);
            return 0;
          }
          String conversation = RelayOptions.conversationArgument(room);
          try {
            client.leave(room);
          } catch (CommandException.OwnerCannotLeave e) {
            String name = TerminalSafe.line(conversation.substring(1));
            throw new CommandException.Usage(
                "you own "
                    + TerminalSafe.line(conversation)
                    + ": chat group transfer "
                    + name
                    + " USER first (you stay an admin, and can then leave), or chat group disband "
                    + name
                    + " to end the group for everyone");
          }
          support.result(
              JsonLines.object("left").put("conversation", conversation),
              "left " + TerminalSafe.line(conversation));
          return 0;
        });
  }

  private void close(RelayCommandSupport support, ChatClient client) {
    String conversation = HistoryCommand.resolve(client, room);
    if (!ConversationIds.isDirect(conversation)) {
      throw new CommandException.Usage("not a private conversation: " + room);
    }
    client.close(conversation);
    support.result(
        JsonLines.object("closed").put("conversation", conversation),
        "closed "
            + support.label(conversation)
            + " (its messages stay; it opens again when either of you writes)");
  }
}
