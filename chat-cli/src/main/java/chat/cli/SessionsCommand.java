package chat.cli;

import chat.cli.client.ChatClient;
import chat.cli.client.SessionView;
import chat.cli.command.SessionText;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code chat sessions}: the sessions (logged-in devices) of the account, most recently used first.
 */
@Command(
    name = "sessions",
    description = {
      "List the sessions of your account (each device logged in), most recently used first: the"
          + " session id, when it was last used and created, and the client address it was last"
          + " used from; this device's is marked. 'chat sessions end ID' logs out another device."
    },
    subcommands = {SessionsEndCommand.class})
final class SessionsCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin RelayOptions relay;

  SessionsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    RelayCommandSupport support = new RelayCommandSupport(context, spec, relay);
    try (ChatClient client = support.loggedIn(false)) {
      List<SessionView> sessions = client.sessions();
      if (support.options().json()) {
        for (SessionView session : sessions) {
          support
              .out()
              .println(
                  JsonLines.line(
                      JsonLines.object("session")
                          .put("id", session.id())
                          .put("createdAt", JsonLines.time(session.createdAt()))
                          .put("lastUsedAt", JsonLines.time(session.lastUsedAt()))
                          .put("address", session.address())
                          .put("current", session.current())));
        }
      } else {
        SessionText.table(sessions, ZoneId.systemDefault()).forEach(support.out()::println);
      }
      return 0;
    }
  }
}
