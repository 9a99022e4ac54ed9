package chat.cli;

import chat.cli.client.ChatClient;
import chat.cli.client.FriendView;
import chat.cli.client.Friendship;
import chat.cli.command.SocialLines;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code chat friends}: friends with their presence, then pending requests both ways. */
@Command(
    name = "friends",
    description = "List your friends (online, away with the message, offline) and requests.")
final class FriendsCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin RelayOptions relay;

  FriendsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    RelayCommandSupport support = new RelayCommandSupport(context, spec, relay);
    try (ChatClient client = support.loggedIn(false)) {
      List<FriendView> friends = client.friends();
      if (friends.isEmpty() && !support.options().json()) {
        // stdout stays empty for scripts, as for group bans
        support.err().println("chat: no friends or requests: chat friend add USER");
      }
      for (FriendView friend : friends) {
        if (support.options().json()) {
          var node =
              JsonLines.object("friend")
                  .put("user", friend.username())
                  .put("friendship", friend.friendship().name());
          if (friend.friendship() == Friendship.FRIENDS) {
            node.put("status", friend.presence().status().name());
          }
          if (!friend.presence().message().isEmpty()) {
            node.put("message", friend.presence().message());
          }
          support.out().println(JsonLines.line(node));
        } else {
          support
              .out()
              .printf(
                  "%-32s %s%n",
                  TerminalSafe.line(friend.username()),
                  switch (friend.friendship()) {
                    case FRIENDS -> SocialLines.presence(friend.presence());
                    case REQUEST_RECEIVED -> "request received";
                    case REQUEST_SENT -> "request sent";
                    case NONE -> friend.friendship().name().toLowerCase(Locale.ROOT);
                  });
        }
      }
      return 0;
    }
  }
}
