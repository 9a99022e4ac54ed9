package chat.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code chat identity show}: user id, creation time and fingerprint, from identity.pub; shown as
 * {@code chat keys show} shows it ({@link KeysShowCommand#show}), warning alike after a key change
 * cut short.
 */
@Command(name = "show", description = "Show your user id, creation time and fingerprint.")
final class IdentityShowCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin HomeOption home;

  @Override
  public Integer call() {
    KeysShowCommand.show(
        home.home(), spec.commandLine().getOut(), spec.commandLine().getErr(), false);
    return ExitCode.OK.code();
  }
}
