package chat.cli;

import chat.cli.client.ChatClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code chat logout}: revokes the stored session on the relay and forgets it here. It never logs
 * in to do so, and needs neither the password nor the key passphrase: the stored token alone is
 * what the relay revokes, so someone who lost the passphrase can still end the session. With no
 * stored session, or one the relay no longer knows, there is nothing to revoke.
 */
@Command(name = "logout", description = "End the stored session (the relay forgets its token).")
final class LogoutCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin RelayOptions relay;

  LogoutCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    RelayCommandSupport support = new RelayCommandSupport(context, spec, relay);
    String user = support.options().requireUser(context);
    try (ChatClient client = support.client(false)) {
      if (!client.hasStoredSession(user)) {
        return ended(support, "no stored session for " + user + ": nothing to log out");
      }
      if (!client.revokeStoredSession(user)) {
        return ended(support, "the session for " + user + " had already ended; forgotten here");
      }
      support.result(JsonLines.object("logged_out").put("revoked", true), "logged out");
      return 0;
    }
  }

  private static int ended(RelayCommandSupport support, String text) {
    support.result(JsonLines.object("logged_out").put("revoked", false), text);
    return 0;
  }
}
