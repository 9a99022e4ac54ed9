package chat.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chat leave ROOM}: leaves a room. */
@Command(name = "leave", description = "Leave a room.")
final class LeaveCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin RelayOptions relay;

  @Parameters(paramLabel = "ROOM", description = "room name (with or without #)")
  String room;

  LeaveCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    RelayCommandSupport support = new RelayCommandSupport(context, spec, relay);
    return support.change(
        support.loggedIn(false),
        "the room was left",
        client -> {
          client.leave(room);
          String conversation = RelayOptions.conversationArgument(room);
          support.result(
              JsonLines.object("left").put("conversation", conversation),
              "left " + TerminalSafe.line(conversation));
          return 0;
        });
  }
}
