package chat.cli;

import chat.cli.client.ChatClient;
import chat.cli.client.TrustState;
import chat.cli.command.TrustReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chat keys trust USER}: accepts USER's changed key (unverified) so sending resumes. */
@Command(
    name = "trust",
    description = "Accept USER's current key after it changed (it is then pinned, unverified).")
final class KeysTrustCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin RelayOptions relay;

  @Parameters(paramLabel = "USER", description = "the contact whose new key you accept")
  String user;

  KeysTrustCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    RelayCommandSupport support = new RelayCommandSupport(context, spec, relay);
    try (ChatClient client = support.loggedIn(false)) {
      TrustState before = client.trustState(user);
      client.trust(user);
      TrustState after = client.trustState(user);
      support.result(
          JsonLines.object("trust")
              .put("user", user)
              .put("state", after.name())
              .put("accepted", before == TrustState.CHANGED),
          TrustReport.afterTrust(
              client.spelling(user), before, after, "chat keys safety " + client.spelling(user)));
      return 0;
    }
  }
}
