package chat.cli.tui;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.ChatMessage;
import chat.cli.client.ConversationLabel;
import chat.cli.client.FileOffer;
import chat.cli.command.MessageFormatter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntryFormatterTest {
  private final EntryFormatter formatter = new EntryFormatter(new MessageFormatter(ZoneOffset.UTC));

  private static List<String> text(List<List<Cell>> lines) {
    return lines.stream()
        .map(
            line -> {
              StringBuilder out = new StringBuilder();
              line.forEach(c -> out.append(c.glyph()));
              return out.toString();
            })
        .toList();
  }

  private static Style styleOf(List<List<Cell>> lines, String glyph) {
    return lines.stream()
        .flatMap(List::stream)
        .filter(c -> c.glyph().equals(glyph))
        .findFirst()
        .orElseThrow()
        .style();
  }

  @Test
  void lines_message_timeSenderTextWithHangingIndent() {
    PaneEntry entry = new PaneEntry.Message(Messages.of("#a", 1, "bob", "one two\nthree"));

    assertThat(text(lines(entry, 40, "alice")))
        .containsExactly("09:30:00 <bob> one two", "               three");
  }

  @Test
  void lines_senderTooLongToHangUnder_wrapsUnderTheTextAfterTheTime() {
    String sender = "Maximilian_" + "x".repeat(20);
    PaneEntry entry = new PaneEntry.Message(Messages.of("#a", 1, sender, "one two three four"));

    assertThat(text(lines(entry, 50, "alice")))
        .containsExactly("09:30:00 <" + sender + "> one two", "         three four");
  }

  @Test
  void lines_styles_ownOtherPrivateDistinct() {
    ChatMessage own = new ChatMessage("#a", 1, "%032x".formatted(1), "alice", 1, 1, "x", true);
    PaneEntry room = new PaneEntry.Message(Messages.of("#a", 2, "bob", "y"));
    PaneEntry direct = new PaneEntry.Message(Messages.of("@alice+bob", 3, "bob", "z"));

    assertThat(styleOf(lines(new PaneEntry.Message(own), 40, "alice"), "<"))
        .isEqualTo(Style.OWN_SENDER);
    assertThat(styleOf(lines(room, 40, "alice"), "<")).isEqualTo(Style.OTHER_SENDER);
    assertThat(styleOf(lines(direct, 40, "alice"), "<")).isEqualTo(Style.PRIVATE_SENDER);
    assertThat(styleOf(lines(direct, 40, "alice"), "z")).isEqualTo(Style.PRIVATE_TEXT);
  }

  @Test
  void lines_notes_infoAndErrorMarked() {
    long at = Messages.NOW.toEpochMilli();
    List<List<Cell>> info =
        lines(new PaneEntry.Note(PaneEntry.NoteKind.INFO, "joined", at), 40, null);
    List<List<Cell>> error =
        lines(new PaneEntry.Note(PaneEntry.NoteKind.ERROR, "no\u001b[2J", at), 40, null);

    assertThat(text(info)).containsExactly("09:30:00 -!- joined");
    assertThat(text(error)).containsExactly("09:30:00 !!! no");
    assertThat(styleOf(error, "n")).isEqualTo(Style.ERROR);
    assertThat(styleOf(info, "j")).isEqualTo(Style.INFO);
  }

  @Test
  void lines_skewedSenderClock_marked() {
    long stored = Messages.NOW.toEpochMilli();
    ChatMessage skewed =
        new ChatMessage(
            "#a", 1, "%032x".formatted(1), "bob", stored - 3_600_000, stored, "hi", false);

    assertThat(text(lines(new PaneEntry.Message(skewed), 80, null)).get(0))
        .isEqualTo("09:30:00 <bob> hi (sender clock 08:30:00)");
  }

  /** An offer is a message of its conversation: a sender clock off is marked on it too. */
  @Test
  void lines_offerFromASkewedSenderClock_marked() {
    long stored = Messages.NOW.toEpochMilli();
    String id = "%032x".formatted(7);
    FileOffer skewed =
        new FileOffer("#a", 1, id, "bob", stored - 300_000, stored, id, "r.pdf", 3, 0, false);

    assertThat(text(lines(new PaneEntry.Offer(skewed), 100, null)).get(0))
        .isEqualTo(
            "09:30:00 -!- bob offers r.pdf (3 B): /file accept 00000000 (sender clock 09:25:00)");
  }

  @Test
  void day_messageAndNote_onlyMessageHasOne() {
    assertThat(formatter.day(new PaneEntry.Message(Messages.of("#a", 1, "bob", "x"))))
        .contains(LocalDate.of(2026, 3, 14));
    assertThat(formatter.day(new PaneEntry.Note(PaneEntry.NoteKind.INFO, "x", 0))).isEmpty();
  }

  @Test
  void mentions_nameInText_matchesWholeWordIgnoringCase() {
    assertThat(Messages.of("#a", 1, "bob", "hey ALICE.").mentions("alice")).isTrue();
    assertThat(Messages.of("#a", 1, "bob", "malice").mentions("alice")).isFalse();
    assertThat(Messages.of("#a", 1, "bob", "alice").mentions(null)).isFalse();
  }

  private List<List<Cell>> lines(PaneEntry entry, int width, String self) {
    return formatter.lines(entry, width, self, c -> ConversationLabel.of(c, self));
  }
}
