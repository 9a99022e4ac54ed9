package chat.cli;

import chat.crypto.Armor;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code chat identity export}: the armored public bundle, to give to contacts. */
@Command(name = "export", description = "Print your armored public bundle, to give to contacts.")
final class IdentityExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin HomeOption home;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(Armor.encode(Armor.IDENTITY, home.home().bundle().encode()));
    spec.commandLine().getOut().flush();
    return ExitCode.OK.code();
  }
}
