package chat.cli;

import chat.crypto.Armor;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code chat identity export}: the armored public bundle, to give to contacts. After a key change
 * cut short it warns, as {@code chat keys export} does, that it exported the key from before it.
 */
@Command(name = "export", description = "Print your armored public bundle, to give to contacts.")
final class IdentityExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin HomeOption home;

  @Override
  public Integer call() {
    IdentityHome identity = home.home();
    spec.commandLine().getOut().print(Armor.encode(Armor.IDENTITY, identity.bundle().encode()));
    spec.commandLine().getOut().flush();
    KeyChangeCutShort.warnExportedBundle(identity, spec.commandLine().getErr());
    return ExitCode.OK.code();
  }
}
