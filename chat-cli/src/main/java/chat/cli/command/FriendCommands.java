package chat.cli.command;

import chat.cli.CommandException;
import chat.cli.TerminalSafe;
import chat.cli.client.ChatClient;
import chat.cli.client.FriendAction;
import chat.cli.client.FriendView;
import chat.cli.client.Friendship;
import java.util.List;
import java.util.Locale;

/** {@code /friend add|accept|decline|remove USER} and {@code /friends}. */
final class FriendCommands {
  private FriendCommands() {}

  static List<SlashCommand> all() {
    return List.of(
        SlashCommand.named(
                "friend", "/friend add|accept|decline|remove USER", "manage a friend or request")
            .arguments(2, 2)
            .completes(ArgumentKind.OTHER, ArgumentKind.USER)
            .help(
                "Friends see each other's presence even without a shared room. A request",
                "waits on the relay until answered, so offline users get it at their next",
                "login. Adding someone who asked you accepts; remove also withdraws a request.",
                "examples: /friend add bob   /friend accept alice   /friend remove bob")
            .runs(FriendCommands::friend),
        SlashCommand.named("friends", "/friends", "list friends with presence, and requests")
            .help("Friends first (online, away with the message, or offline), then requests.")
            .runs(FriendCommands::friends));
  }

  private static void friend(Input.Command command, CommandContext context) {
    FriendAction action;
    try {
      action = FriendAction.valueOf(command.arg(0).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CommandException.Usage(
          "usage: /friend add|accept|decline|remove USER  (/help friend)");
    }
    String user = Arguments.username(command.arg(1));
    if (user.equalsIgnoreCase(Arguments.self(context))) {
      throw new CommandException.Usage("that is you: name someone else");
    }
    ChatClient client = context.client();
    // The relay answers only where the two stand now: what a removal ended is known from before.
    Friendship before = action == FriendAction.REMOVE ? client.friendship(user) : null;
    Friendship now = client.friend(action, user);
    String spelled = client.spelling(user);
    String name = TerminalSafe.line(spelled);
    context.info(
        switch (now) {
          case FRIENDS -> "you and " + name + " are friends";
          case REQUEST_SENT -> "sent a friend request to " + name;
          case REQUEST_RECEIVED -> name + " asked to be your friend: /friend accept " + name;
          case NONE -> SocialLines.friendEnded(spelled, action, before);
        });
  }

  private static void friends(Input.Command command, CommandContext context) {
    List<FriendView> friends = context.client().friends();
    if (friends.isEmpty()) {
      context.info("no friends or requests: /friend add USER");
      return;
    }
    int width = SocialLines.nameWidth(friends.stream().map(FriendView::username).toList());
    context.info("friends and requests (" + friends.size() + "):");
    for (FriendView friend : friends) {
      String name = TerminalSafe.line(friend.username());
      context.info(
          "  "
              + SocialLines.padded(name, width)
              + "  "
              + switch (friend.friendship()) {
                case FRIENDS -> SocialLines.presence(friend.presence());
                case REQUEST_RECEIVED -> "wants to be your friend (/friend accept " + name + ")";
                case REQUEST_SENT -> "request sent";
                case NONE -> "";
              });
    }
  }
}
