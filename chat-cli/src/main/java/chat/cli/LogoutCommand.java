package chat.cli;

import chat.cli.client.ChatClient;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code chat logout}: revokes the stored session on the relay and forgets it here. It never logs
 * in to do so: with no stored session, or one the relay no longer knows, there is nothing to
 * revoke.
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
    String user = relay.requireUser(context);
    try (ChatClient client = support.client(false)) {
      if (!client.hasStoredSession(user)) {
        return ended(support, "no stored session for " + user + ": nothing to log out");
      }
      support.reachableBeforePrompting(client, false);
      char[] passphrase = support.secrets().passphrase(user);
      try {
        client.resume(user, passphrase);
      } catch (CommandException.Auth e) {
        if (client.hasStoredSession(user)) {
          throw e;
        }
        return ended(support, "the session for " + user + " had already ended; forgotten here");
      } finally {
        Arrays.fill(passphrase, '\0');
      }
      client.logout();
      support.result(JsonLines.object("logged_out").put("revoked", true), "logged out");
      return 0;
    }
  }

  private static int ended(RelayCommandSupport support, String text) {
    support.result(JsonLines.object("logged_out").put("revoked", false), text);
    return 0;
  }
}
