package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysImportCommandTest {
  @TempDir Path temp;

  private Cli.Result importKeys(Path home, Path file, String passphrase) {
    return new Cli()
        .env(Passphrases.ENV_PASSPHRASE, passphrase)
        .run("keys", "import", "--user", "alice", "--home", home.toString(), "--force", "" + file);
  }

  @Test
  void import_exportedKeyFileWithForce_replacesTheKeys() throws Exception {
    Path home = Identities.copy("bob", temp.resolve("home"));
    Path exported =
        Files.copy(Identities.home("alice").resolve("identity.key"), temp.resolve("alice.key"));

    Cli.Result result = importKeys(home, exported, Cli.PASSPHRASE);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).startsWith("imported the keys of alice into " + home);
    assertThat(home.resolve("identity.key")).hasSameBinaryContentAs(exported);
  }

  @Test
  void import_notAKeyFileWithForce_namesTheImportedFile_andLeavesTheKeysAlone() throws Exception {
    Path home = Identities.copy("alice", temp.resolve("home"));
    byte[] before = Files.readAllBytes(home.resolve("identity.key"));
    Path bad = Files.writeString(temp.resolve("notes.txt"), "not a key file\n");

    Cli.Result result = importKeys(home, bad, Cli.PASSPHRASE);

    assertThat(result.exitCode()).isEqualTo(ExitCode.AUTH.code());
    assertThat(result.err())
        .isEqualTo(
            "chat: "
                + bad
                + " is not a valid key file (not a chat key file); the keys in "
                + home
                + " were left as they were\n");
    assertThat(home.resolve("identity.key")).hasBinaryContent(before);
  }

  /** An empty FILE is no key file: said before any passphrase is asked for, none being given. */
  @Test
  void import_anEmptyFile_isRefusedBeforeThePassphraseIsAskedFor() throws Exception {
    Path home = Identities.copy("alice", temp.resolve("home"));
    Path empty = Files.createFile(temp.resolve("empty.key"));

    Cli.Result result =
        new Cli()
            .run(
                "keys",
                "import",
                "--user",
                "alice",
                "--home",
                home.toString(),
                "--force",
                "" + empty);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.AUTH.code());
    assertThat(result.err())
        .startsWith("chat: " + empty + " is not a valid key file (")
        .endsWith("; the keys in " + home + " were left as they were\n")
        .doesNotContain("passphrase");
  }

  @Test
  void import_wrongPassphraseWithForce_namesTheImportedFile_andLeavesTheKeysAlone()
      throws Exception {
    Path home = Identities.copy("alice", temp.resolve("home"));
    byte[] before = Files.readAllBytes(home.resolve("identity.key"));
    Path exported =
        Files.copy(Identities.home("alice").resolve("identity.key"), temp.resolve("alice.key"));

    Cli.Result result = importKeys(home, exported, "not the passphrase");

    assertThat(result.exitCode()).isEqualTo(ExitCode.AUTH.code());
    assertThat(result.err())
        .startsWith("chat: wrong passphrase (from CHAT_PASSPHRASE) for " + exported + ",")
        .doesNotContain(home.resolve("identity.key").toString());
    assertThat(home.resolve("identity.key")).hasBinaryContent(before);
  }

  @Test
  void import_missingFileWithForce_namesItAndExits7() throws Exception {
    Path home = Identities.copy("alice", temp.resolve("home"));
    byte[] before = Files.readAllBytes(home.resolve("identity.key"));
    Path missing = temp.resolve("missing.key");

    Cli.Result result = importKeys(home, missing, Cli.PASSPHRASE);

    assertThat(result.exitCode()).isEqualTo(ExitCode.IO.code());
    assertThat(result.err())
        .isEqualTo("chat: cannot read " + missing + ": no such file or directory\n");
    assertThat(home.resolve("identity.key")).hasBinaryContent(before);
  }

  /** The FILE to fix is named first, before the profile's keys (which --force would replace). */
  @Test
  void import_missingFileWithoutForce_namesItFirst() {
    Path home = Identities.copy("alice", temp.resolve("home"));
    Path missing = temp.resolve("missing.key");

    Cli.Result result =
        new Cli()
            .env(Passphrases.ENV_PASSPHRASE, Cli.PASSPHRASE)
            .run("keys", "import", "--user", "alice", "--home", home.toString(), "" + missing);

    assertThat(result.exitCode()).isEqualTo(ExitCode.IO.code());
    assertThat(result.err())
        .isEqualTo("chat: cannot read " + missing + ": no such file or directory\n");
  }
}
