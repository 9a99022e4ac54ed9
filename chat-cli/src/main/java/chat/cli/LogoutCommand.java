package chat.cli;

import chat.cli.client.ChatClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code chat logout}: revokes the stored session on the relay and forgets it here. */
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
    try (ChatClient client = support.loggedIn(false)) {
      client.logout();
      support.result(JsonLines.object("logged_out"), "logged out");
      return 0;
    }
  }
}
