package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.FakeChatClient;
import chat.cli.command.SecretKind;
import chat.cli.line.LineModeOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;

/**
 * The interactive client: at a terminal it takes the secrets given in the environment as the
 * scripts do; when its input is not a terminal, line mode runs over the streams.
 */
class InteractiveTest {
  private final FakeChatClient client = new FakeChatClient();

  @Test
  void lineOptions_atATerminal_takeTheSecretsOfTheEnvironment_butAskForNewOnes() {
    CliContext context =
        Cli.withPassphrase()
            .env(Secrets.ENV_PASSWORD, "account password")
            .env("CHAT_NEW_PASSWORD", "left exported by a script")
            .env("CHAT_NEW_PASSPHRASE", "left exported by a script")
            .terminal(true)
            .client(client)
            .context();
    RelayOptions options = new RelayOptions();

    LineModeOptions line =
        new Interactive(context, options)
            .lineOptions(Interactive.atTerminal(new Secrets(context, options)));

    assertThat(line.secrets().secret(SecretKind.PASSPHRASE))
        .hasValueSatisfying(s -> assertThat(new String(s)).isEqualTo(Cli.PASSPHRASE));
    assertThat(line.secrets().secret(SecretKind.PASSWORD))
        .hasValueSatisfying(s -> assertThat(new String(s)).isEqualTo("account password"));
    assertThat(line.secrets().secret(SecretKind.NEW_PASSWORD)).isEmpty();
    assertThat(line.secrets().secret(SecretKind.NEW_PASSPHRASE)).isEmpty();
    assertThat(line.secrets().source(SecretKind.PASSPHRASE)).contains("CHAT_PASSPHRASE");
    assertThat(line.secrets().source(SecretKind.PASSWORD)).contains("CHAT_PASSWORD");
    assertThat(line.secrets().source(SecretKind.NEW_PASSWORD)).isEmpty();
  }

  @Test
  void run_wrongPassphraseFromTheEnvironment_saysSo_neverShowingIt() {
    aliceStoredWithAWrongPassphrase();

    Cli.Result result =
        Cli.withPassphrase().client(client).stdin("/rooms\n").run("--user", "alice");

    assertThat(result.stdoutText())
        .contains(
            "wrong passphrase for /home/a/.chat/alice/identity.key (the passphrase from"
                + " CHAT_PASSPHRASE)")
        .doesNotContain(Cli.PASSPHRASE);
  }

  @Test
  void run_wrongPassphraseTyped_saysNothingOfTheEnvironment() {
    aliceStoredWithAWrongPassphrase();

    Cli.Result result =
        new Cli().client(client).stdin("typed key passphrase\n/rooms\n").run("--user", "alice");

    assertThat(result.stdoutText())
        .contains("wrong passphrase for /home/a/.chat/alice/identity.key")
        .doesNotContain("the passphrase from")
        .doesNotContain("typed key passphrase");
  }

  /**
   * Runs alice's line mode with the key passphrase and {@code /rooms} piped in, and checks that the
   * passphrase was taken from the pipe.
   */
  private Cli.Result passphraseThenRoomsThroughAPipe() {
    client.storedSessions.add("alice");
    Cli.Result result =
        new Cli().client(client).stdin("typed key passphrase\n/rooms\n").run("--user", "alice");
    assertThat(client.secrets).containsExactly("typed key passphrase");
    return result;
  }

  /** Over a pipe the prompt goes into the output once; JLine's mask rewrote it there repeatedly. */
  @Test
  void run_passphraseReadFromThePipe_promptWrittenOnce_andTheLineNeverShown() {
    Cli.Result result = passphraseThenRoomsThroughAPipe();
    String out = result.stdoutText();
    assertThat(out.split("input hidden", -1)).hasSize(2);
    assertThat(out).doesNotContain("typed key passphrase");
  }

  @Test
  void run_inputNotATerminalWithPassphraseInEnvironment_usesIt_andTheFirstLineIsText() {
    client.storedSessions.add("alice");

    Cli.Result result =
        Cli.withPassphrase().client(client).stdin("x\n/rooms\n").run("--user", "alice");

    assertThat(result.exitCode()).isZero();
    assertThat(client.secrets).containsExactly(Cli.PASSPHRASE);
    assertThat(client.calls).containsSubsequence("resume alice", "send #lobby x", "rooms");
    assertThat(result.stdoutText()).contains("logged in as alice").doesNotContain(Cli.PASSPHRASE);
  }

  @Test
  void run_inputNotATerminalWithPasswordInEnvironment_logsInWithoutReadingALine() {
    Cli.Result result =
        Cli.withPassphrase()
            .env(Secrets.ENV_PASSWORD, "account password")
            .client(client)
            .stdin("hello\n")
            .run("--plain", "--user", "alice");

    assertThat(result.exitCode()).isZero();
    assertThat(client.secrets).containsExactly("account password", Cli.PASSPHRASE);
    assertThat(client.calls).containsSubsequence("login alice", "send #lobby hello");
    assertThat(result.stdoutText()).doesNotContain("account password");
  }

  @Test
  void run_inputNotATerminalWithoutSecrets_readsTheNextLine_neverShowingIt() {
    Cli.Result result = passphraseThenRoomsThroughAPipe();
    assertThat(result.stdoutText())
        .contains("passphrase for alice's key file (input hidden): ", "logged in as alice")
        .doesNotContain("typed key passphrase");
  }

  /** Alice has a stored session, and her key file's unlock fails as with a wrong passphrase. */
  private void aliceStoredWithAWrongPassphrase() {
    client.storedSessions.add("alice");
    client.failNext =
        new CommandException.Auth(
            "wrong passphrase for /home/a/.chat/alice/identity.key",
            null,
            CommandException.Auth.Refused.PASSPHRASE);
  }

  @Test
  void withoutQuitKey_ctrlBackslashIsNoSignal_theOtherKeysKept() throws Exception {
    try (Terminal terminal =
        new DumbTerminal(
            "t",
            Terminal.TYPE_DUMB,
            new ByteArrayInputStream(new byte[0]),
            new ByteArrayOutputStream(),
            StandardCharsets.UTF_8)) {
      Attributes before = terminal.getAttributes();
      before.setControlChar(Attributes.ControlChar.VQUIT, 28);
      before.setControlChar(Attributes.ControlChar.VINTR, 3);
      terminal.setAttributes(before);

      Interactive.withoutQuitKey(terminal);

      Attributes after = terminal.getAttributes();
      assertThat(after.getControlChar(Attributes.ControlChar.VQUIT)).isZero();
      assertThat(after.getControlChar(Attributes.ControlChar.VINTR)).isEqualTo(3);
    }
  }
}
