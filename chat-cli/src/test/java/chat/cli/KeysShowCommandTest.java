package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code chat keys show} and {@code chat keys export} read the profile's files without the relay;
 * after a key change cut short they say which key they read.
 */
class KeysShowCommandTest {
  @TempDir Path dir;

  private Path profile() {
    return Identities.copy("alice", dir.resolve("alice"));
  }

  /** A relay profile without keys is told to log in or import a key file, not to make a new one. */
  @Test
  void show_aProfileWithoutKeys_saysToLogInOrImport() {
    Cli.Result result =
        new Cli().env("CHAT_HOME", dir.toString()).run("keys", "show", "--user", "alice");

    assertThat(result.exitCode()).isEqualTo(7);
    assertThat(result.err())
        .startsWith("chat: no identity in " + dir.resolve("alice"))
        .contains(
            "log in with 'chat login --user alice' (it restores your keys from the relay's"
                + " backup), or install a key file with 'chat keys import FILE --user alice'")
        .doesNotContain("identity new");
  }

  @Test
  void show_nothingPending_printsTheKey_noWarning() {
    Path home = profile();

    Cli.Result result = new Cli().run("keys", "show", "--user", "alice", "--home", home.toString());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("alice");
    assertThat(result.err()).isEmpty();
  }

  /** {@code --home DIR} is one user's profile: the files say whose, as for identity show. */
  @Test
  void showAndExport_withHomeButNoUser_readTheProfileOfThatHome() {
    Path home = profile();
    Path out = dir.resolve("exported.key");

    Cli.Result shown = new Cli().run("keys", "show", "--home", home.toString());
    Cli.Result json = new Cli().run("keys", "show", "--home", home.toString(), "--json");
    Cli.Result exported =
        new Cli().run("keys", "export", "--home", home.toString(), "--out", out.toString());

    assertThat(shown.exitCode()).as(shown.toString()).isZero();
    assertThat(shown.out())
        .isEqualTo(new Cli().run("identity", "show", "--home", home.toString()).out())
        .startsWith("user id:     alice");
    assertThat(json.out()).startsWith("{\"type\":\"key\",\"user\":\"alice\"");
    assertThat(exported.exitCode()).as(exported.toString()).isZero();
    assertThat(exported.out()).startsWith("wrote the encrypted key file of alice to ");
    assertThat(out).hasSameBinaryContentAs(home.resolve("identity.key"));
  }

  /**
   * {@code --out /dev/stdout} piped on, or any pipe: what arrives is the key file alone, and the
   * line that says where it went is on stderr.
   */
  @Test
  void export_toAPipe_writesOnlyTheKeyFileThere_andSaysSoOnStderr() throws Exception {
    Path home = profile();
    Path fifo = dir.resolve("pipe");
    Process made = new ProcessBuilder("mkfifo", fifo.toString()).start();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        made.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && made.exitValue() == 0, "mkfifo");
    java.util.concurrent.CompletableFuture<byte[]> read =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              try {
                return Files.readAllBytes(fifo);
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });

    Cli.Result exported =
        new Cli().run("keys", "export", "--home", home.toString(), "--out", fifo.toString());

    assertThat(exported.exitCode()).as(exported.toString()).isZero();
    assertThat(read.get(10, java.util.concurrent.TimeUnit.SECONDS))
        .isEqualTo(Files.readAllBytes(home.resolve("identity.key")));
    assertThat(exported.out()).isEmpty();
    assertThat(exported.err()).isEqualTo("wrote the encrypted key file of alice to " + fifo + "\n");
  }

  /** Another profile's key file, say: an existing FILE is replaced only with --force. */
  @Test
  void export_toAnExistingFile_isRefused_unlessForced() throws Exception {
    Path home = profile();
    Path out = Files.writeString(dir.resolve("bob.key"), "bob's key file");

    Cli.Result refused =
        new Cli().run("keys", "export", "--home", home.toString(), "--out", out.toString());

    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.err())
        .contains(out + " already exists; choose another file, or add --force to replace it");
    assertThat(Files.readString(out)).isEqualTo("bob's key file");

    Cli.Result forced =
        new Cli()
            .run("keys", "export", "--home", home.toString(), "--out", out.toString(), "--force");

    assertThat(forced.exitCode()).as(forced.toString()).isZero();
    assertThat(out).hasSameBinaryContentAs(home.resolve("identity.key"));
  }

  @Test
  void export_toAFolder_asksForAFileNameInIt() {
    Path home = profile();

    Cli.Result refused =
        new Cli().run("keys", "export", "--home", home.toString(), "--out", dir.toString());

    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.err())
        .contains(
            dir
                + " is a folder: name the file to write in it, such as "
                + dir.resolve("alice.key"));
  }

  /** Without --home the profile is found by the user's name, which must be given. */
  @Test
  void show_withoutHomeOrUser_asksWhichUser_exit1() {
    Cli.Result result = new Cli().env("CHAT_HOME", dir.toString()).run("keys", "show");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("chat: which user? give --user NAME or set CHAT_USER\n");
  }

  @Test
  void show_aKeyChangeCutShort_warnsWhichKeyItShows_exit0() throws Exception {
    Path home = profile();
    Files.write(home.resolve("identity.key.pending"), new byte[] {1});
    Files.write(home.resolve("identity.pub.pending"), new byte[] {2});

    Cli.Result result = new Cli().run("keys", "show", "--user", "alice", "--home", home.toString());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("alice");
    assertThat(result.err())
        .startsWith(
            "chat: warning: a key change of this profile was cut short ("
                + home.resolve("identity.key.pending")
                + " is there): the next login, or command that reaches the relay, finishes it")
        .contains("identity.pub holds the key from before the change")
        .contains("this shows the key in identity.pub")
        .hasLineCount(1);
  }

  /**
   * Either file of a key change cut short: the export warns which pending file it found and what
   * identity.key holds meanwhile, the key file from before the change ({@code identity.key.pending}
   * left) or already the new one ({@code identity.pub.pending} left), and exports it as it is.
   */
  @ParameterizedTest
  @CsvSource({
    "identity.key.pending, 1, identity.key the key file from before it",
    "identity.pub.pending, 2, identity.key already the new key file"
  })
  void export_aKeyChangeCutShort_warnsWhatTheKeyFileHolds_andExportsIt(
      String pendingFile, byte pendingByte, String whatTheKeyFileHolds) throws Exception {
    Path home = profile();
    Files.write(home.resolve(pendingFile), new byte[] {pendingByte});
    Path out = dir.resolve("exported.key");

    Cli.Result result =
        new Cli()
            .run(
                "keys",
                "export",
                "--user",
                "alice",
                "--home",
                home.toString(),
                "--out",
                out.toString());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(out).hasSameBinaryContentAs(home.resolve("identity.key"));
    assertThat(result.err())
        .startsWith(
            "chat: warning: a key change of this profile was cut short ("
                + home.resolve(pendingFile)
                + " is there)")
        .contains(whatTheKeyFileHolds)
        .contains("this exported identity.key as it is");
  }
}
