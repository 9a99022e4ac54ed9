package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.Armor;
import chat.crypto.IdentityBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintCommandTest {
  @TempDir Path temp;

  @Test
  void fingerprint_armoredAndRawBundle_sameOutput() throws Exception {
    Path armored = Identities.pub("bob");
    IdentityBundle bundle =
        IdentityBundle.parse(Armor.decode(Armor.IDENTITY, Files.readAllBytes(armored)));
    Path raw = Files.write(temp.resolve("bob.bin"), bundle.encode());

    Cli.Result fromArmored = new Cli().run("fingerprint", armored.toString());
    Cli.Result fromRaw = new Cli().run("fingerprint", raw.toString());

    assertThat(fromArmored.exitCode()).isZero();
    assertThat(fromArmored.out())
        .isEqualTo(
            "user id:     bob\ncreated:     2026-11-22T10:00:00Z\nfingerprint: "
                + bundle.fingerprint().toDisplayString()
                + "\n");
    assertThat(fromRaw.out()).isEqualTo(fromArmored.out());
  }

  @Test
  void fingerprint_controlCharactersInUserId_areEscapedInQuotes() {
    Cli.Result result = new Cli().run("fingerprint", Identities.pub(Identities.MALLORY).toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("user id:     \"mal\\u202eyrol\"\n").doesNotContain("\u202E");
  }

  @Test
  void fingerprint_garbage_exits4() throws Exception {
    Path garbage = Files.write(temp.resolve("garbage"), new byte[] {1, 2, 3, 4, 5});

    Cli.Result result = new Cli().run("fingerprint", garbage.toString());

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.err()).contains("not a valid identity bundle").hasLineCount(1);
  }

  /** {@code bob.pub/} names a folder to the system, as {@code cat bob.pub/} says: not the file. */
  @Test
  void fingerprint_aFileNameWithATrailingSlash_isRefusedAsTheSystemWould() {
    Path pub = Identities.pub("bob");

    Cli.Result result = new Cli().run("fingerprint", pub + "/");

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.err())
        .contains("'" + pub + "/': not a directory (" + pub + " is a file: leave out the last /)")
        .hasLineCount(1);
  }

  /** A key file given for a bundle, a likely slip (identity.key beside identity.pub). */
  @Test
  void fingerprint_aPrivateKeyFile_isNamedForWhatItIs_exits4() {
    Path keyFile = Identities.home("bob").resolve(IdentityHome.KEY_FILE_NAME);

    Cli.Result result = new Cli().run("fingerprint", keyFile.toString());

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.err())
        .contains(keyFile + " is a private key file (as identity.key), not an identity bundle")
        .hasLineCount(1);
  }

  @Test
  void fingerprint_forgedSelfSignature_exits4() throws Exception {
    byte[] bundle =
        IdentityBundle.parse(
                Armor.decode(Armor.IDENTITY, Files.readAllBytes(Identities.pub("bob"))))
            .encode();
    bundle[2] ^= 1; // the user id "bob" becomes "cob": still well-formed, signature now wrong
    Path forged = Files.write(temp.resolve("forged.pub"), bundle);

    Cli.Result result = new Cli().run("fingerprint", forged.toString());

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.err()).contains("self-signature does not verify");
  }

  @Test
  void fingerprint_missingFile_exits7() {
    Path missing = temp.resolve("missing.pub");

    Cli.Result result = new Cli().run("fingerprint", missing.toString());

    assertThat(result.exitCode()).isEqualTo(7);
    assertThat(result.err())
        .isEqualTo("chat: cannot read " + missing + ": no such file or directory\n");
  }
}
