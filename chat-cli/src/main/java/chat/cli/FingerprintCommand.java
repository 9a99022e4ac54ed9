package chat.cli;

import chat.crypto.IdentityBundle;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chat fingerprint}: the user id and fingerprint of a bundle file, after verifying it. */
@Command(
    name = "fingerprint",
    description = {
      "Verify a bundle file and print its user id and fingerprint.",
      "Accepts armored or raw bundles. Compare the fingerprint with its owner over a channel you"
          + " trust before sealing to it."
    })
final class FingerprintCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "BUNDLE_FILE",
      converter = NonEmptyFile.class,
      description = "the identity bundle to check")
  Path file;

  @Override
  public Integer call() {
    IdentityBundle bundle = BundleFiles.load(file);
    spec.commandLine().getOut().println(BundleText.describe(bundle));
    spec.commandLine().getOut().flush();
    return ExitCode.OK.code();
  }
}
