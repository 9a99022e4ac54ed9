package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.Armor;
import chat.crypto.IdentityBundle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityExportCommandTest {
  @TempDir Path temp;

  @Test
  void export_printsArmoredBundleMatchingPub() throws Exception {
    Path home = Identities.home("alice");

    Cli.Result result = new Cli().run("identity", "export", "--home", home.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("-----BEGIN CHAT IDENTITY-----\n");
    IdentityBundle exported =
        IdentityBundle.parse(
            Armor.decode(Armor.IDENTITY, result.out().getBytes(StandardCharsets.US_ASCII)));
    assertThat(exported).isEqualTo(new IdentityHome(home).bundle());
    assertThat(result.out()).isEqualTo(Files.readString(home.resolve("identity.pub")));
  }

  /**
   * {@code chat identity export > bundle.pub} on a full disk: exit 7 saying why, not exit 0 with
   * the bundle file empty (the same for every command that prints its result).
   */
  @Test
  void export_toAStdoutThatCannotBeWritten_exit7_sayingWhy() {
    Cli.Unwritten result =
        new Cli()
            .runIntoFailingStdout(
                "No space left on device",
                "identity",
                "export",
                "--home",
                Identities.home("alice").toString());

    assertThat(result.exitCode()).isEqualTo(7);
    assertThat(result.err())
        .isEqualTo("chat: cannot write to standard output: no space left on device\n");
  }

  /** {@code chat identity export | head -1}: a reader that had enough is no failure. */
  @Test
  void export_toAPipeItsReaderClosed_exit0_sayingNothing() {
    Cli.Unwritten result =
        new Cli()
            .runIntoFailingStdout(
                "Broken pipe", "identity", "export", "--home", Identities.home("alice").toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
  }

  /**
   * After a key change cut short it exports identity.pub all the same and warns on stderr, as
   * {@code chat keys export} does, that this is the key from before the change.
   */
  @Test
  void export_aKeyChangeCutShort_exportsIdentityPub_andWarnsItIsTheKeyFromBefore()
      throws Exception {
    Path home = Identities.copy("alice", temp.resolve("alice"));
    Files.write(home.resolve("identity.pub.pending"), new byte[] {2});

    Cli.Result result = new Cli().run("identity", "export", "--home", home.toString());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).isEqualTo(Files.readString(home.resolve("identity.pub")));
    assertThat(result.err())
        .startsWith(
            "chat: warning: a key change of this profile was cut short ("
                + home.resolve("identity.pub.pending")
                + " is there)")
        .contains("identity.pub holds the key from before the change")
        .contains("this exported identity.pub as it is")
        .hasLineCount(1);
  }

  @Test
  void export_nothingPending_noWarning() {
    Cli.Result result =
        new Cli().run("identity", "export", "--home", Identities.home("alice").toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
  }
}
