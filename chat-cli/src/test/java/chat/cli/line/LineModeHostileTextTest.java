package chat.cli.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.cli.CommandException;
import chat.cli.client.Advice;
import chat.cli.client.ConnectionState;
import chat.cli.client.FakeChatClient;
import chat.cli.client.MemberView;
import chat.cli.client.TrustState;
import chat.cli.command.MessageFormatter;
import chat.cli.command.SlashCommandDispatcher;
import chat.cli.command.SlashCompleter;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every remote string the line mode prints, filled with control characters, escape sequences and
 * bidirectional controls: message sender and text, notices, membership, presence, key changes,
 * connection details, relay error messages, room and member lists, history. None of them reaches
 * the terminal; the visible text does.
 */
class LineModeHostileTextTest {
  /** CSI, OSC (with a payload that must vanish too), C1 CSI, RLO, LRI, NUL, DEL, CR, LS. */
  static final String HOSTILE =
      "a\u001b[2Jb\u001b]0;pwned\u0007c\u009b31md\u202eevil\u2066e\u0000f\u007fg\rh\u2028i";

  private final FakeChatClient client = new FakeChatClient();
  private final TerminalHarness harness = new TerminalHarness("dumb");
  private Thread repl;

  @AfterEach
  void tearDown() throws Exception {
    harness.endInput();
    if (repl != null) {
      repl.join(5_000);
    }
    harness.close();
  }

  @Test
  void everyRemoteField_withControlsAndEscapes_reachesTheTerminalClean() {
    client.login("alice", "pw".toCharArray(), "pp".toCharArray());
    client.members.put(
        "#lobby",
        new ArrayList<>(
            List.of(
                new MemberView("alice", true, TrustState.VERIFIED),
                new MemberView("mal" + HOSTILE, true, TrustState.UNVERIFIED))));
    client.members.put("#r" + HOSTILE, new ArrayList<>(List.of()));
    SlashCommandDispatcher dispatcher = new SlashCommandDispatcher();
    LineMode mode =
        new LineMode(
            client,
            dispatcher,
            new SlashCompleter(client, dispatcher.registry()),
            new MessageFormatter(ZoneOffset.UTC),
            harness.terminal,
            // at once: a log-in is printed without waiting for HeldLogIns.BRIEF_VISIT
            new LineModeOptions(false).withNoticeTimer((delay, task) -> task.run()));
    repl = new Thread(mode::run, "repl");
    repl.start();
    await().atMost(Duration.ofSeconds(20)).until(() -> harness.output().contains("#lobby> "));

    client.deliver("#lobby", "bob" + HOSTILE, "text " + HOSTILE);
    client.fireNotice("#lobby", "notice " + HOSTILE);
    client.fireMembership("#lobby", "joiner" + HOSTILE, true);
    client.firePresence("present" + HOSTILE, true);
    client.fireKeyChange("changed" + HOSTILE);
    client.fireAdvice(new Advice.KeyChanged("changed" + HOSTILE));
    // online says only where (connected to relay.test:7443): the login's own line says who
    client.setState(ConnectionState.ONLINE, "back " + HOSTILE);
    client.setState(ConnectionState.RECONNECTING, "detail " + HOSTILE);
    LineModeTest.awaitPresenceListed(); // online fetched the presence lists: not the call to fail
    client.failNext = new CommandException.Network("the relay refused: " + HOSTILE, null);
    harness.type("/rooms\n/rooms\n/members\n/history\n/quit\n");

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> harness.output().split("text abcd", -1).length > 2);
    assertClean(harness.output().replace("\r", ""));
    assertThat(harness.output())
        .contains("<bobabcd", "notice abcd", "joinerabcd", "presentabcd", "changedabcd")
        .contains("detail abcd", "relay refused: abcd", "#rabcd", "malabcd")
        .doesNotContain("back");
  }

  /**
   * No control character but newline (the line discipline's own carriage returns are removed by the
   * caller), no bidi control, no trace of the OSC payload, and the visible text exactly as {@code
   * abcdevilefghi}: the remote carriage return, NUL, DEL and separators are gone from it.
   */
  static void assertClean(String output) {
    assertThat(output).doesNotContain("pwned").contains("abcdevilefghi");
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
}
