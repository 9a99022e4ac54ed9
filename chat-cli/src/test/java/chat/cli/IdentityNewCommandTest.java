package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.Armor;
import chat.crypto.IdentityBundle;
import chat.crypto.KeyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityNewCommandTest {
  @TempDir Path temp;

  @Test
  void new_writesOwnerOnlyFilesThatOpen() throws Exception {
    Path home = Identities.home("alice");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home)))
        .isEqualTo("rwx------");
    for (String name : new String[] {"identity.key", "identity.pub"}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(name))))
          .as(name)
          .isEqualTo("rw-------");
    }
    byte[] keyFile = Files.readAllBytes(home.resolve("identity.key"));
    IdentityBundle pub =
        IdentityBundle.parse(
            Armor.decode(Armor.IDENTITY, Files.readAllBytes(home.resolve("identity.pub"))));
    assertThat(KeyFile.parameters(keyFile)).isEqualTo(Cli.FAST_KDF);
    assertThat(KeyFile.open(keyFile, Cli.PASSPHRASE.toCharArray()).bundle()).isEqualTo(pub);
    assertThat(pub.userId()).isEqualTo("alice");
    assertThat(pub.createdAtMillis()).isEqualTo(Cli.NOW.toEpochMilli());
    try (var leftovers = Files.list(home)) {
      assertThat(leftovers).hasSize(2);
    }
  }

  @Test
  void new_defaultsToLoginName_printsFingerprint_andForceReplaces() throws Exception {
    Path home = temp.resolve("nested/dave");

    Cli.Result made =
        Cli.withPassphrase().loginName("dave").run("identity", "new", "--home", home.toString());

    assertThat(made.exitCode()).as(made.toString()).isZero();
    IdentityBundle first = new IdentityHome(home).bundle();
    assertThat(first.userId()).isEqualTo("dave");
    assertThat(made.out())
        .contains("created identity dave in " + home)
        .contains("fingerprint: " + first.fingerprint().toDisplayString());

    Cli.Result refused =
        Cli.withPassphrase().run("identity", "new", "--home", home.toString(), "--user", "erin");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("already holds an identity", "--force").hasLineCount(1);
    assertThat(new IdentityHome(home).bundle()).isEqualTo(first);

    Cli.Result forced =
        Cli.withPassphrase()
            .run("identity", "new", "--home", home.toString(), "--user", "erin", "--force");
    assertThat(forced.exitCode()).as(forced.toString()).isZero();
    assertThat(new IdentityHome(home).bundle().userId()).isEqualTo("erin");
  }

  @Test
  void new_invalidLoginName_asksForUser() {
    Cli.Result result =
        Cli.withPassphrase()
            .loginName("Root User")
            .run("identity", "new", "--home", temp.resolve("x").toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("--user NAME").hasLineCount(1);
    assertThat(temp.resolve("x")).doesNotExist();
  }

  @Test
  void new_invalidUser_exits1() {
    for (String user : new String[] {"ab", "a b c", "Aliçe", "x".repeat(33), "bob\u001b[2J"}) {
      Cli.Result result =
          Cli.withPassphrase()
              .run("identity", "new", "--home", temp.resolve("x").toString(), "--user", user);
      assertThat(result.exitCode()).as(user).isEqualTo(1);
      assertThat(result.err())
          .doesNotContain("\u001b")
          .contains("invalid --user '" + TerminalSafe.typed(user) + "'");
    }
  }

  @Test
  void new_mixedCaseUser_keptAsTyped_asARelayUsernameIs() throws Exception {
    Path home = temp.resolve("max");

    Cli.Result made =
        Cli.withPassphrase()
            .run("identity", "new", "--home", home.toString(), "--user", "Maximilian");

    assertThat(made.exitCode()).as(made.toString()).isZero();
    assertThat(new IdentityHome(home).bundle().userId()).isEqualTo("Maximilian");
  }

  @Test
  void new_badRsaBits_exits1() {
    Cli.Result result =
        Cli.withPassphrase()
            .run(
                "identity",
                "new",
                "--home",
                temp.resolve("x").toString(),
                "--user",
                "zed",
                "--rsa-bits",
                "2048");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("3072 or 4096");
  }

  @Test
  void new_noPassphraseAnywhere_explainsEnvironmentVariable() {
    Cli.Result result =
        new Cli().run("identity", "new", "--home", temp.resolve("x").toString(), "--user", "zed");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("CHAT_PASSPHRASE");
  }

  @Test
  void new_typedPassphrasesDiffer_exits2() {
    Cli.Result result =
        new Cli()
            .typed("one passphrase", "another passphrase")
            .run("identity", "new", "--home", temp.resolve("x").toString(), "--user", "zed");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("chat: the two passphrases do not match\n");
    assertThat(result.prompts()).hasSize(2);
    assertThat(temp.resolve("x")).doesNotExist();
  }

  @Test
  void new_typedEmptyPassphrase_exits2() {
    Cli.Result result =
        new Cli()
            .typed("")
            .run("identity", "new", "--home", temp.resolve("x").toString(), "--user", "zed");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("empty passphrase");
  }

  /** A key file's passphrase is all that guards a copy of it: a short one is refused. */
  @Test
  void new_passphraseShorterThan8_refusedBeforeAnythingIsWritten_typedOrFromTheEnvironment() {
    Cli.Result typed =
        new Cli()
            .typed("seven c", "seven c")
            .run("identity", "new", "--home", temp.resolve("x").toString(), "--user", "zed");
    Cli.Result fromEnv =
        new Cli()
            .env(Passphrases.ENV_PASSPHRASE, "1234567")
            .run("identity", "new", "--home", temp.resolve("y").toString(), "--user", "zed");

    assertThat(typed.exitCode()).isEqualTo(2);
    assertThat(typed.err())
        .isEqualTo(
            "chat: the new passphrase must be at least 8 characters: anyone with a copy of the"
                + " key file can guess at it\n");
    assertThat(typed.prompts()).hasSize(1); // not asked again
    assertThat(temp.resolve("x")).doesNotExist();
    assertThat(fromEnv.exitCode()).isEqualTo(2);
    assertThat(fromEnv.err()).startsWith("chat: the new passphrase (from CHAT_PASSPHRASE) must be");
    assertThat(temp.resolve("y")).doesNotExist();
  }
}
