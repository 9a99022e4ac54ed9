package chat.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code chat keys show}: your identity on this machine (no passphrase, no network). */
@Command(name = "show", description = "Show your user id and fingerprint (read from this machine).")
final class KeysShowCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin RelayOptions relay;

  KeysShowCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    RelayCommandSupport support = new RelayCommandSupport(context, spec, relay);
    IdentityHome home = support.identityHome();
    chat.crypto.IdentityBundle bundle = home.bundle();
    home.keyChangeCutShort()
        .ifPresent(
            what ->
                support.warn(
                    what
                        + "; this shows the key in "
                        + IdentityHome.PUBLIC_FILE_NAME
                        + ": log in once ('chat login') to see the key in use"));
    support.result(
        JsonLines.object("key")
            .put("user", bundle.userId())
            .put("created", java.time.Instant.ofEpochMilli(bundle.createdAtMillis()).toString())
            .put("fingerprint", bundle.fingerprint().value().hex()),
        BundleText.describe(bundle));
    return 0;
  }
}
