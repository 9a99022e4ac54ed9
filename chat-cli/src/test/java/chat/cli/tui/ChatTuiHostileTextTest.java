package chat.cli.tui;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.ConnectionState;
import chat.cli.client.MemberView;
import chat.cli.client.TrustState;
import com.googlecode.lanterna.input.KeyType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every remote string the full-screen TUI draws, filled with control characters, escape sequences
 * and bidirectional controls: message sender and text, notices, membership, presence, a changed key
 * in the status bar, connection details, member names in the side pane, and command output and
 * relay errors. None reaches a screen cell; the visible text does.
 */
class ChatTuiHostileTextTest {
  /** CSI, OSC (with a payload that must vanish too), C1 CSI, RLO, LRI, NUL, DEL, CR, LS. */
  private static final String HOSTILE =
      "a\u001b[2Jb\u001b]0;pwned\u0007c\u009b31md\u202eevil\u2066e\u0000f\u007fg\rh\u2028i";

  @Test
  void everyRemoteField_withControlsAndEscapes_isDrawnClean() {
    TuiHarness h = new TuiHarness(120, 40).start().loggedInAs("alice");
    h.client.members.put(
        "#lobby",
        new ArrayList<>(
            List.of(
                new MemberView("alice", true, TrustState.VERIFIED),
                new MemberView("m" + HOSTILE, true, TrustState.UNVERIFIED))));
    h.onLine =
        (line, context) -> {
          context.info("output " + HOSTILE);
          context.error("the relay refused: " + HOSTILE);
        };
    h.alt('1');

    h.client.deliver("#lobby", "b" + HOSTILE, "t " + HOSTILE);
    h.client.fireNotice("#lobby", "n " + HOSTILE);
    h.client.fireMembership("#lobby", "j" + HOSTILE, true);
    h.client.firePresence("p" + HOSTILE, true);
    h.client.fireKeyChange("m" + HOSTILE);
    h.client.setState(ConnectionState.RECONNECTING, "d " + HOSTILE);
    h.type("/anything").press(KeyType.Enter);

    String lobby = h.screen();
    assertThat(h.statusRow()).contains("CHANGED key: mabcdevil");
    h.ctrl('p');
    assertThat(h.statusRow()).contains("[status]");
    String screen = lobby + h.screen();
    assertThat(screen).doesNotContain("pwned");
    screen
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
                    .as("U+%04X on the screen", cp)
                    .isTrue());
    assertThat(screen)
        .contains("<babcdevil", "t abcdevil", "n abcdevil", "jabcdevil")
        .contains("output abcdevil", "relay refused: abcdevil", "mabcdevil", "d abcdevil");
  }
}
