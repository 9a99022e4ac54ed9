package chat.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code chat identity show}: user id, creation time and fingerprint, from identity.pub. */
@Command(name = "show", description = "Show your user id, creation time and fingerprint.")
final class IdentityShowCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin HomeOption home;

  @Override
  public Integer call() {
    spec.commandLine().getOut().println(BundleText.describe(home.home().bundle()));
    spec.commandLine().getOut().flush();
    return ExitCode.OK.code();
  }
}
