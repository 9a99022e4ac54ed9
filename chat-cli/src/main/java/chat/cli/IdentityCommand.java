package chat.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code chat identity}: the group of commands that create and show your own identity. */
@Command(
    name = "identity",
    description = "Create, show, export and protect your identity.",
    subcommands = {
      IdentityNewCommand.class,
      IdentityShowCommand.class,
      IdentityExportCommand.class,
      IdentityPasswdCommand.class
    })
final class IdentityCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(), "missing command: new, show, export or passwd");
  }
}
