package chat.cli;

import chat.cli.client.ChatClient;
import chat.cli.client.TrustState;
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
      chat.crypto.Fingerprint fingerprint = client.fingerprint(user);
      TrustState trust = client.trustState(user);
      support.result(
          JsonLines.object("fingerprint")
              .put("user", user)
              .put("fingerprint", fingerprint.value().hex())
              .put("trust", trust.name()),
          "user id:     "
              + TerminalSafe.line(client.spelling(user))
              + "\nfingerprint: "
              + fingerprint.toDisplayString()
              + "\ntrust:       "
              + trust.name().toLowerCase(Locale.ROOT));
      return 0;
    }
  }
}
