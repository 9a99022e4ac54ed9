package chat.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chat keys export --out FILE}: copies your encrypted key file, to carry to another machine.
 * The private keys stay sealed under your passphrase.
 */
@Command(
    name = "export",
    description = {
      "Write your encrypted key file to FILE (mode 0600) to move it to another machine.",
      "It stays sealed under your key passphrase; import it there with 'chat keys import FILE'."
    })
final class KeysExportCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin RelayOptions relay;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      converter = NonEmptyFile.class,
      description = "where to write it")
  Path out;

  @Option(
      names = "--force",
      description = "replace FILE if it exists (it is never replaced otherwise)")
  boolean force;

  KeysExportCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    RelayCommandSupport support = new RelayCommandSupport(context, spec, relay);
    IdentityHome home = support.identityHome();
    // Another profile's identity.key, or an older export, is lost if written over by mistake.
    DataOutput.refuseExisting(out, force, home.bundle().userId() + ".key");
    DataOutput.writeFile(out, home.keyFileBytes(), true, force);
    KeyChangeCutShort.warnExportedKeyFile(home, support.err());
    // Written to a pipe or a device (--out /dev/stdout), the key file is on stdout: the line saying
    // so goes to stderr, where it cannot end up inside the key file.
    PrintWriter said = Files.isRegularFile(out) ? support.out() : support.err();
    said.println("wrote the encrypted key file of " + home.bundle().userId() + " to " + out);
    return 0;
  }
}
