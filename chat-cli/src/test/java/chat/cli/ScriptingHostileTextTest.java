package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.ChatMessage;
import chat.cli.client.FakeChatClient;
import chat.cli.client.MemberView;
import chat.cli.client.TrustState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scripting commands' output with remote strings full of control characters, escape sequences
 * and bidirectional controls: history (text and {@code --json}), rooms, members, and a relay error
 * on stderr. Text output is cleaned; JSON output escapes them; nothing raw reaches stdout or
 * stderr.
 */
class ScriptingHostileTextTest {
  /** CSI, OSC (with a payload that must vanish too), C1 CSI, RLO, LRI, NUL, DEL, CR, LS. */
  private static final String HOSTILE =
      "a\u001b[2Jb\u001b]0;pwned\u0007c\u009b31md\u202eevil\u2066e\u0000f\u007fg\rh\u2028i";

  private final FakeChatClient fake = new FakeChatClient();

  private Cli cli() {
    fake.messages.put(
        "#lobby",
        new ArrayList<>(
            List.of(
                new ChatMessage(
                    "#lobby", 1, "0".repeat(32), "b" + HOSTILE, 0, 0, "t " + HOSTILE, false))));
    fake.members.put(
        "#lobby",
        new ArrayList<>(List.of(new MemberView("m" + HOSTILE, true, TrustState.CHANGED))));
    fake.members.put(
        "#r" + HOSTILE,
        new ArrayList<>(List.of(new MemberView("alice", true, TrustState.VERIFIED))));
    return Cli.withPassphrase()
        .env(Secrets.ENV_PASSWORD, "a password")
        .env("CHAT_USER", "alice")
        .client(fake);
  }

  /** Checks that {@code output} holds no control character but newlines and no bidi control. */
  static void assertRaw(String output) {
    output
        .codePoints()
        .forEach(
            cp ->
                assertThat(
                        cp == '\n'
                            || (!Character.isISOControl(cp)
                                && !(cp >= 0x202a && cp <= 0x202e)
                                && !(cp >= 0x2066 && cp <= 0x2069)
                                && cp != 0x2028
                                && cp != 0x2029))
                    .as("U+%04X in the output", cp)
                    .isTrue());
  }

  @Test
  void textOutput_historyRoomsMembers_isCleaned() {
    Cli cli = cli();
    String out = cli.run("history").out() + cli.run("rooms").out() + cli.run("members").out();
    assertRaw(out);
    assertThat(out)
        .doesNotContain("pwned")
        .contains("<babcdevilefghi> t abcdevilefg\n    hi", "#rabcdevilefghi", "mabcdevilefghi");
  }

  @Test
  void jsonOutput_historyRoomsMembers_escapesEverything() {
    Cli cli = cli();
    String out =
        cli.run("history", "--json").out()
            + cli.run("rooms", "--json").out()
            + cli.run("members", "--json").out();
    assertRaw(out);
    assertThat(out).containsIgnoringCase("\\u001b").containsIgnoringCase("\\u202e");
  }

  @Test
  void relayErrorMessage_onStderr_isCleaned_andExitsAsNetwork() {
    Cli cli = cli();
    fake.failNext = new CommandException.Network("the relay refused: " + HOSTILE, null);
    Cli.Result result = cli.run("rooms");
    assertThat(result.exitCode()).isEqualTo(ExitCode.NETWORK.code());
    assertRaw(result.err());
    assertThat(result.err()).contains("chat: the relay refused: abcdevilefghi");
  }

  @Test
  void relayErrorMessage_inTheVerboseTrace_isCleaned() {
    // -v printed the exception's trace as it was: its message, and a cause's, raw on stderr.
    Cli cli = cli();
    fake.failNext =
        new CommandException.Network(
            "the relay refused: " + HOSTILE, new IllegalStateException("cause " + HOSTILE));
    Cli.Result result = cli.run("-v", "rooms");
    assertThat(result.exitCode()).isEqualTo(ExitCode.NETWORK.code());
    assertRaw(result.err().replace("\t", ""));
    assertThat(result.err())
        .contains("chat: the relay refused: abcdevilefghi")
        .contains("CommandException$Network: the relay refused: abcdevilefg\nhi")
        .contains("Caused by: java.lang.IllegalStateException: cause abcdevilefg\nhi")
        .contains("\tat chat.cli.");
  }
}
