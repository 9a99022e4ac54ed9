package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.IdentityBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityShowCommandTest {
  @TempDir Path temp;

  @Test
  void show_printsUserCreatedAndFingerprint() {
    Path home = Identities.home("alice");
    IdentityBundle bundle = new IdentityHome(home).bundle();

    Cli.Result result = new Cli().run("identity", "show", "--home", home.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .isEqualTo(
            "user id:     alice\n"
                + "created:     2026-11-22T10:00:00Z\n"
                + "fingerprint: "
                + bundle.fingerprint().toDisplayString()
                + "\n");
  }

  /** The older name of {@code chat keys show} warns as it does ({@code KeysShowCommandTest}). */
  @Test
  void show_aKeyChangeCutShort_warnsAsKeysShowDoes_exit0() throws Exception {
    Path home = Identities.copy("alice", temp.resolve("alice"));
    Files.write(home.resolve("identity.key.pending"), new byte[] {1});
    Files.write(home.resolve("identity.pub.pending"), new byte[] {2});

    Cli.Result identity = new Cli().run("identity", "show", "--home", home.toString());
    Cli.Result keys = new Cli().run("keys", "show", "--user", "alice", "--home", home.toString());

    assertThat(identity.exitCode()).as(identity.toString()).isZero();
    assertThat(identity.out()).contains("user id:     alice").isEqualTo(keys.out());
    assertThat(identity.err())
        .startsWith(
            "chat: warning: a key change of this profile was cut short ("
                + home.resolve("identity.key.pending")
                + " is there)")
        .contains("this shows the key in identity.pub")
        .hasLineCount(1)
        .isEqualTo(keys.err());
  }

  @Test
  void show_missingHome_exits7() {
    Cli.Result result =
        new Cli().run("identity", "show", "--home", temp.resolve("none").toString());

    assertThat(result.exitCode()).isEqualTo(7);
    assertThat(result.err()).contains("no identity in", "chat identity new");
  }

  /** Not "no identity, create one": the key file is still there, and a new one would replace it. */
  @Test
  void show_pubMissingBesideTheKeyFile_saysNotToMakeANewIdentity_exits7() throws Exception {
    Path home = Identities.copy("alice", temp.resolve("alice"));
    Files.delete(home.resolve("identity.pub"));

    Cli.Result result = new Cli().run("identity", "show", "--home", home.toString());

    assertThat(result.exitCode()).isEqualTo(7);
    assertThat(result.err())
        .startsWith(
            "chat: "
                + home.resolve("identity.pub")
                + " is missing, but identity.key is there: do not make a new identity")
        .doesNotContain("create one with")
        .hasLineCount(1);
  }

  @Test
  void show_damagedPub_exits4() throws Exception {
    Path home = Identities.copy("alice", temp.resolve("alice"));
    Files.writeString(home.resolve("identity.pub"), "-----BEGIN CHAT IDENTITY-----\nAAAA\n");

    Cli.Result result = new Cli().run("identity", "show", "--home", home.toString());

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.err()).contains("not a valid identity bundle");
  }

  @Test
  void show_homeIsAFile_saysItIsNotAFolder_andExits1() throws Exception {
    Path file = Files.writeString(temp.resolve("notes.txt"), "x");

    Cli.Result result = new Cli().run("identity", "show", "--home", file.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(result.err()).isEqualTo("chat: --home " + file + " is not a folder\n");
  }
}
