package chat.cli;

import chat.crypto.IdentityKeyPair;
import chat.crypto.KeyFile;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code chat identity passwd}: re-encrypts identity.key under a new passphrase, with a fresh salt
 * and the current KDF defaults.
 */
@Command(
    name = "passwd",
    description = {
      "Change the passphrase of identity.key.",
      "The current passphrase comes from CHAT_PASSPHRASE or a prompt, the new one from"
          + " CHAT_NEW_PASSPHRASE or two prompts."
    })
final class IdentityPasswdCommand implements Callable<Integer> {
  private final CliContext context;

  @Spec CommandSpec spec;

  @Mixin HomeOption home;

  IdentityPasswdCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    IdentityHome target = home.home();
    byte[] keyFile = target.keyFileBytes();
    Passphrases passphrases = new Passphrases(context);
    IdentityKeyPair identity;
    passphrases.refuseShortInEnvironment(Passphrases.ENV_NEW_PASSPHRASE);
    try (Passphrase current = passphrases.existing(target.keyFile())) {
      identity = target.unlock(keyFile, current);
    }
    try (Passphrase fresh =
        passphrases.fresh(Passphrases.ENV_NEW_PASSPHRASE, target.keyFile().toString())) {
      target.replaceKeyFile(
          KeyFile.seal(identity, fresh.chars(), context.kdfParameters(), context.random()));
    } finally {
      identity.destroy();
    }
    spec.commandLine().getOut().println("changed the passphrase of " + target.keyFile());
    spec.commandLine().getOut().flush();
    return ExitCode.OK.code();
  }
}
