package chat.cli;

import chat.cli.client.ChatClient;
import chat.cli.client.RoomView;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code chat rooms}: the rooms on the relay, their sizes, and which you are in. */
@Command(name = "rooms", description = "List the rooms on the relay (* marks the ones you are in).")
final class RoomsCommand implements Callable<Integer> {
  /** The narrowest the names' column is. */
  private static final int MIN_NAME_COLUMN = 24;

  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin RelayOptions relay;

  RoomsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    RelayCommandSupport support = new RelayCommandSupport(context, spec, relay);
    try (ChatClient client = support.loggedIn(false)) {
      List<RoomView> rooms = client.rooms();
      // the names' column as wide as the longest (a room name is at most 64 characters)
      int column =
          rooms.stream()
              .mapToInt(room -> TerminalSafe.line(room.conversation()).length())
              .reduce(MIN_NAME_COLUMN, Math::max);
      for (RoomView room : rooms) {
        if (support.options().json()) {
          support
              .out()
              .println(
                  JsonLines.line(
                      JsonLines.object("room")
                          .put("room", room.conversation())
                          .put("members", room.memberCount())
                          .put("joined", room.joined())
                          .put("group", room.group())
                          .put("title", room.title())
                          .put("invited", room.invited())));
        } else {
          support
              .out()
              .printf(
                  "%s %-" + column + "s %d member%s%s%n",
                  room.joined() ? "*" : " ",
                  TerminalSafe.line(room.conversation()),
                  room.memberCount(),
                  room.memberCount() == 1 ? "" : "s",
                  (room.group() ? "  group" + title(room) : "")
                      + (room.invited() ? "  (invited)" : ""));
        }
      }
      return 0;
    }
  }

  /** A group's title in quotes, unless it is just the room's name. */
  private static String title(RoomView room) {
    boolean plain = room.title().isEmpty() || room.title().equals(room.conversation().substring(1));
    return plain ? "" : " " + TerminalSafe.quoted(room.title());
  }
}
