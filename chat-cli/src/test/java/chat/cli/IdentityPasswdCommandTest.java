package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.KeyFile;
import chat.crypto.WrongPassphraseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityPasswdCommandTest {
  private static final String NEW_PASSPHRASE = "tr0ub4dor&3 and then some";

  @TempDir Path temp;

  @Test
  void passwd_fromEnvironment_oldFailsNewWorks() throws Exception {
    Path home = Identities.copy("alice", temp.resolve("alice"));
    Path keyFile = home.resolve("identity.key");

    Cli.Result result =
        Cli.withPassphrase()
            .env(Passphrases.ENV_NEW_PASSPHRASE, NEW_PASSPHRASE)
            .run("identity", "passwd", "--home", home.toString());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).isEqualTo("changed the passphrase of " + keyFile + "\n");
    byte[] changed = Files.readAllBytes(keyFile);
    assertThat(KeyFile.open(changed, NEW_PASSPHRASE.toCharArray()).userId()).isEqualTo("alice");
    org.junit.jupiter.api.Assertions.assertThrows(
        WrongPassphraseException.class, () -> KeyFile.open(changed, Cli.PASSPHRASE.toCharArray()));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
        .isEqualTo("rw-------");
    Cli.Result oldSeal =
        Cli.withPassphrase().stdin("hi").run("seal", "-a", "--home", home.toString());
    assertThat(oldSeal.exitCode()).isEqualTo(2);
    Cli.Result newSeal =
        new Cli()
            .env(Passphrases.ENV_PASSPHRASE, NEW_PASSPHRASE)
            .stdin("hi")
            .run("seal", "-a", "--home", home.toString());
    assertThat(newSeal.exitCode()).as(newSeal.toString()).isZero();
  }

  @Test
  void passwd_typed_asksOldOnceAndNewTwice() throws Exception {
    Path home = Identities.copy("alice", temp.resolve("alice"));

    Cli.Result result =
        new Cli()
            .typed(Cli.PASSPHRASE, NEW_PASSPHRASE, NEW_PASSPHRASE)
            .run("identity", "passwd", "--home", home.toString());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.prompts())
        .containsExactly(
            "Passphrase for " + home.resolve("identity.key") + ": ",
            "New passphrase for " + home.resolve("identity.key") + ": ",
            "Repeat the new passphrase: ");
    byte[] changed = Files.readAllBytes(home.resolve("identity.key"));
    assertThat(KeyFile.open(changed, NEW_PASSPHRASE.toCharArray()).userId()).isEqualTo("alice");
  }

  @Test
  void passwd_wrongOldPassphrase_exits2AndKeepsFile() throws Exception {
    Path home = Identities.copy("alice", temp.resolve("alice"));
    byte[] before = Files.readAllBytes(home.resolve("identity.key"));

    Cli.Result result =
        new Cli()
            .env(Passphrases.ENV_PASSPHRASE, "not it")
            .env(Passphrases.ENV_NEW_PASSPHRASE, NEW_PASSPHRASE)
            .run("identity", "passwd", "--home", home.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .startsWith("chat: wrong passphrase (from CHAT_PASSPHRASE)")
        .hasLineCount(1);
    assertThat(Files.readAllBytes(home.resolve("identity.key"))).isEqualTo(before);
  }

  @Test
  void passwd_newPassphraseShorterThan8_exits2AndKeepsFile() throws Exception {
    Path home = Identities.copy("alice", temp.resolve("alice"));
    byte[] before = Files.readAllBytes(home.resolve("identity.key"));

    Cli.Result result =
        new Cli()
            .env(Passphrases.ENV_NEW_PASSPHRASE, "short")
            .typed(Cli.PASSPHRASE)
            .run("identity", "passwd", "--home", home.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "chat: the new passphrase (from CHAT_NEW_PASSPHRASE) must be at least 8 characters:"
                + " anyone with a copy of the key file can guess at it\n");
    assertThat(result.prompts()).isEmpty(); // the current one is not asked for nothing
    assertThat(Files.readAllBytes(home.resolve("identity.key"))).isEqualTo(before);
  }
}
