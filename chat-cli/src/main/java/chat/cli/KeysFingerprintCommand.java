package chat.cli;

import chat.cli.client.ChatClient;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chat keys fingerprint USER}: the fingerprint of USER's key (pinned on first use). */
@Command(name = "fingerprint", description = "Show USER's key fingerprint and your trust in it.")
final class KeysFingerprintCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin RelayOptions relay;

  @Parameters(paramLabel = "USER", description = "whose key")
  String user;

  KeysFingerprintCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    RelayCommandSupport support = new RelayCommandSupport(context, spec, relay);
    try (ChatClient client = support.loggedIn(false)) {
      String fingerprint = client.fingerprint(user).toDisplayString();
      String trust = client.trustState(user).name().toLowerCase(Locale.ROOT);
      if (support.options().json()) {
        support
            .out()
            .println(
                JsonLines.line(
                    JsonLines.object("fingerprint")
                        .put("user", user)
                        .put("fingerprint", fingerprint.replace(" ", ""))
                        .put("trust", client.trustState(user).name())));
        return 0;
      }
      support.out().println("user id:     " + TerminalSafe.line(user));
      support.out().println("fingerprint: " + fingerprint);
      support.out().println("trust:       " + trust);
      return 0;
    }
  }
}
