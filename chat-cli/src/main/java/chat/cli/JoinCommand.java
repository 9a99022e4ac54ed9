package chat.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chat join ROOM}: joins a room, creating it if it does not exist. */
@Command(name = "join", description = "Join a room (it is created if it does not exist).")
final class JoinCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin RelayOptions relay;

  @Parameters(paramLabel = "ROOM", description = "room name (with or without #)")
  String room;

  JoinCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    String conversation = RelayOptions.conversationArgument(room); // before the passphrase
    RelayCommandSupport support = new RelayCommandSupport(context, spec, relay);
    return support.change(
        support.loggedIn(false),
        "the room was joined",
        client -> {
          boolean already = client.conversations().contains(conversation);
          client.join(room); // asked all the same: the relay's list is the one that counts
          support.result(
              JsonLines.object("joined").put("conversation", conversation).put("already", already),
              (already ? "you are already in " : "joined ") + TerminalSafe.line(conversation));
          return 0;
        });
  }
}
