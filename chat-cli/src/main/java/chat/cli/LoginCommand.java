package chat.cli;

import chat.cli.client.ChatClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code chat login}: logs in with the password and stores the session for later commands. */
@Command(
    name = "login",
    description = {
      "Log in with your password and keep the session, so later commands only need the key"
          + " passphrase. On a new machine your keys are restored from their encrypted backup on"
          + " the relay."
    })
final class LoginCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin RelayOptions relay;

  LoginCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    RelayCommandSupport support = new RelayCommandSupport(context, spec, relay);
    String user = support.options().requireUser(context);
    try (ChatClient client = support.client(false)) {
      support.login(client, user);
      if (support.options().json()) {
        support
            .out()
            .println(
                JsonLines.line(
                    JsonLines.object("logged_in")
                        .put("user", client.username().orElse(user))
                        .put("server", client.serverAddress())));
      } else {
        support
            .out()
            .println(
                "logged in as "
                    + client.username().orElse(user)
                    + " on "
                    + client.serverAddress()
                    + "; the session is kept for later commands");
      }
      return 0;
    }
  }
}
