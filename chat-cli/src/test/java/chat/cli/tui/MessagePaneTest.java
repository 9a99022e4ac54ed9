package chat.cli.tui;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.ChatMessage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Times in the message pane: HH:MM:SS of the relay's store time, day lines, the skew mark. */
class MessagePaneTest {
  private static TuiHarness inLobby() {
    TuiHarness h = new TuiHarness(80, 24).start().loggedInAs("alice");
    h.alt('1');
    return h;
  }

  private static ChatMessage message(long seq, String text, long sent, long stored) {
    return new ChatMessage(
        "#lobby", seq, "%032x".formatted(seq + 500), "bob", sent, stored, text, false);
  }

  @Test
  void message_senderClockOffByMoreThanAMinute_showsRelayTimeAndMark() {
    TuiHarness h = inLobby();
    long stored = TuiHarness.NOW.toEpochMilli();

    h.tui
        .events()
        .onMessage(message(1, "from the past", stored - Duration.ofMinutes(5).toMillis(), stored));
    h.tui.events().onMessage(message(2, "on time", stored + 20_000, stored + 1_000));
    h.drain();

    String screen = h.screen();
    assertThat(screen).contains("09:30:00 <bob> from the past (sender clock 09:25:00)");
    assertThat(screen).contains("09:30:01 <bob> on time").doesNotContain("on time (sender");
  }

  @Test
  void history_acrossMidnight_dayLineBetweenTheDays() {
    TuiHarness h = inLobby();
    long saturday = TuiHarness.NOW.toEpochMilli();
    long friday = saturday - Duration.ofHours(12).toMillis();

    h.tui.context().showMessage(message(2, "saturday", saturday, saturday));
    h.tui.context().showMessage(message(1, "friday night", friday, friday));
    h.drain();

    String screen = h.screen();
    String line = "--- Saturday 14 March 2026 ---";
    assertThat(screen.indexOf("friday night"))
        .isLessThan(screen.indexOf(line))
        .isLessThan(screen.indexOf("09:30:00 <bob> saturday"));
  }

  /** A client line is the first of a new day as well as a message is: the date line comes first. */
  @Test
  void noteAfterMidnight_dayLineBeforeIt_notBeforeTheNextMessage() {
    TuiHarness h = inLobby();
    long saturday = TuiHarness.NOW.toEpochMilli();
    long friday = saturday - Duration.ofHours(12).toMillis();

    h.tui.context().showMessage(message(1, "friday night", friday, friday));
    h.tui.events().onMembership("#lobby", "carol", true);
    h.tui.events().onMessage(message(2, "saturday", saturday + 1_000, saturday + 1_000));
    h.drain();

    String screen = h.screen();
    String line = "--- Saturday 14 March 2026 ---";
    assertThat(screen.indexOf("friday night")).isLessThan(screen.indexOf(line));
    assertThat(screen.indexOf(line)).isLessThan(screen.indexOf("carol"));
    assertThat(screen.indexOf(line)).isEqualTo(screen.lastIndexOf(line));
    assertThat(screen.indexOf("carol")).isLessThan(screen.indexOf("<bob> saturday"));
  }

  @Test
  void message_flagAtThePaneEdge_wrapsWhole() {
    TuiHarness h = new TuiHarness(30, 8).start().loggedInAs("alice");
    h.alt('1');
    long stored = TuiHarness.NOW.toEpochMilli();

    // "09:30:00 <bob> " and 14 letters fill 29 columns: the flag (drawn DE) has one left
    h.tui
        .events()
        .onMessage(message(1, "x".repeat(14) + "\uD83C\uDDE9\uD83C\uDDEA!", stored, stored));
    h.drain();

    String screen = h.screen();
    assertThat(screen).contains("09:30:00 <bob> " + "x".repeat(14) + " \n");
    assertThat(screen).contains("\n" + " ".repeat(15) + "DE!");
  }
}
