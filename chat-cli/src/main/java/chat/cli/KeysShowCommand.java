package chat.cli;

import java.io.PrintWriter;
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
    show(support.identityHome(), support.out(), support.err(), support.options().json());
    return 0;
  }

  /**
   * Prints the key in {@code home}'s {@code identity.pub} to {@code out} ({@code json}: as one
   * {@code key} line), after a warning on {@code err} if a key change was cut short ({@link
   * KeyChangeCutShort#warnShown}). {@code chat keys show} and {@code chat identity show} both show
   * a key this way.
   */
  static void show(IdentityHome home, PrintWriter out, PrintWriter err, boolean json) {
    chat.crypto.IdentityBundle bundle = home.bundle();
    KeyChangeCutShort.warnShown(home, err);
    out.println(
        json
            ? JsonLines.line(
                JsonLines.object("key")
                    .put("user", bundle.userId())
                    .put(
                        "created",
                        java.time.Instant.ofEpochMilli(bundle.createdAtMillis()).toString())
                    .put("fingerprint", bundle.fingerprint().value().hex()))
            : BundleText.describe(bundle));
    out.flush();
  }
}
