package chat.cli;

import chat.crypto.IdentityKeyPair;
import chat.crypto.KeyFile;
import chat.crypto.MalformedDataException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code chat keys import FILE}: installs an exported key file on this machine after checking that
 * it unlocks with your passphrase and belongs to {@code --user}.
 */
@Command(
    name = "import",
    description = "Install an exported key file into your profile (checks the passphrase first).")
final class KeysImportCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin RelayOptions relay;

  @Parameters(
      paramLabel = "FILE",
      converter = NonEmptyFile.class,
      description = "a file written by 'chat keys export'")
  Path file;

  @Option(names = "--force", description = "replace keys already in the profile")
  boolean force;

  KeysImportCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    RelayCommandSupport support = new RelayCommandSupport(context, spec, relay);
    String user = support.options().requireUser(context);
    IdentityHome home = support.identityHome();
    // FILE first: a FILE that cannot be read is the error to fix, whatever the profile holds.
    byte[] keyFile = FileIo.read(file, KeyFile.MAX_FILE_BYTES);
    if (home.hasIdentity() && !force) {
      throw new CommandException.Usage(
          home.dir() + " already holds keys; add --force to replace them");
    }
    IdentityKeyPair identity;
    try {
      // A FILE that is no key file at all is said before the passphrase is asked for.
      try {
        KeyFile.parameters(keyFile);
      } catch (MalformedDataException e) {
        throw new CommandException.Auth(
            file + " is not a valid key file (" + e.getMessage() + ")", e);
      }
      try (Passphrase passphrase = support.secrets().passphraseWithSource(user)) {
        identity = IdentityHome.unlock(keyFile, passphrase, file);
      }
    } catch (CommandException.Auth e) {
      if (!home.hasIdentity()) {
        throw e;
      }
      throw new CommandException.Auth(
          e.getMessage() + "; the keys in " + home.dir() + " were left as they were", e);
    }
    try {
      if (!identity.userId().equals(user)) {
        throw new CommandException.Usage(
            file + " holds the keys of " + identity.userId() + ", not " + user);
      }
      home.create(identity.bundle(), keyFile);
      support
          .out()
          .println(
              "imported the keys of "
                  + user
                  + " into "
                  + home.dir()
                  + "; fingerprint "
                  + identity.bundle().fingerprint().toDisplayString());
      return 0;
    } finally {
      identity.destroy();
    }
  }
}
