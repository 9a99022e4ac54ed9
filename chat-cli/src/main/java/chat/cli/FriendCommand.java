package chat.cli;

import chat.cli.client.FriendAction;
import chat.cli.client.Friendship;
import chat.cli.command.SocialLines;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chat friend add|accept|decline|remove USER}: one friend request or answer. */
@Command(
    name = "friend",
    description = {
      "Send a friend request (add), answer one (accept, decline), or remove a friend.",
      "remove also withdraws a request you sent. Requests wait on the relay until answered."
    })
final class FriendCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin RelayOptions relay;

  @Parameters(index = "0", paramLabel = "ACTION", description = "add, accept, decline or remove")
  String action;

  @Parameters(index = "1", paramLabel = "USER", description = "their username")
  String user;

  FriendCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    FriendAction parsed;
    try {
      parsed = FriendAction.valueOf(action.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CommandException.Usage(
          "ACTION must be add, accept, decline or remove (got '"
              + TerminalSafe.typed(action)
              + "')");
    }
    RelayCommandSupport support = new RelayCommandSupport(context, spec, relay);
    // The relay answers only where the two stand now: what a removal ended is known from before.
    Friendship[] before = {null};
    String[] spelled = {user}; // as registered, once their key is pinned here
    Friendship now =
        support.change(
            support.loggedIn(false),
            "the relay made the change",
            client -> {
              if (parsed == FriendAction.REMOVE) {
                before[0] = client.friendship(user);
              }
              Friendship after = client.friend(parsed, user);
              spelled[0] = client.spelling(user);
              return after;
            });
    if (support.options().json()) {
      support
          .out()
          .println(
              JsonLines.line(
                  JsonLines.object("friend").put("user", user).put("friendship", now.name())));
    } else {
      String name = TerminalSafe.line(spelled[0]);
      support
          .out()
          .println(
              switch (now) {
                case FRIENDS -> "you and " + name + " are friends";
                case REQUEST_SENT -> "sent a friend request to " + name;
                case REQUEST_RECEIVED -> name + " asked to be your friend";
                case NONE -> SocialLines.friendEnded(spelled[0], parsed, before[0]);
              });
    }
    return 0;
  }
}
