package chat.cli.tui;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.command.SlashCommandDispatcher;
import com.googlecode.lanterna.input.KeyType;
import org.junit.jupiter.api.Test;

/** The emoji picker on a virtual terminal: opened by Alt+E or /emoji, filtered, chosen, closed. */
class EmojiPickerPaneTest {
  private static TuiHarness inLobby() {
    TuiHarness h = new TuiHarness(80, 24).start().loggedInAs("alice");
    h.alt('1');
    return h;
  }

  /** The picker's title row, or -1 when it is not on screen. */
  private static int titleRow(TuiHarness h) {
    for (int row = 0; row < h.rows(); row++) {
      if (h.row(row).contains(" emoji: ")) {
        return row;
      }
    }
    return -1;
  }

  @Test
  void altE_typeFilter_showsMatchesWithShortcodes_enterInsertsAtCursor() {
    TuiHarness h = inLobby();
    h.type("nice ");

    h.alt('e').type("smile");

    int title = titleRow(h);
    assertThat(title).isPositive();
    assertThat(h.row(title)).contains("emoji: smile_");
    assertThat(h.row(title + 1)).contains("😄", ":smile:", "grinning face with smiling eyes");
    assertThat(h.inputRow()).startsWith("> nice ");

    h.press(KeyType.Enter);

    assertThat(titleRow(h)).isNegative();
    assertThat(h.inputRow()).startsWith("> nice 😄");
    assertThat(h.dispatched).isEmpty();
  }

  @Test
  void theBox_coversTheWholeWidthOfThePane_soNoMessageShowsBesideIt() {
    TuiHarness h = new TuiHarness(160, 24).start().loggedInAs("alice");
    h.alt('1');
    for (int i = 0; i < 30; i++) {
      h.client.deliver("#lobby", "bob", "漢字".repeat(60));
    }
    h.drain();

    h.alt('e').type("smile");

    int title = titleRow(h);
    for (int row = title; row <= title + EmojiPickerPane.MAX_ROWS; row++) {
      assertThat(h.row(row)).doesNotContain("漢", "字");
    }
  }

  @Test
  void arrows_moveSelection_escapeClosesWithoutInserting() {
    TuiHarness h = inLobby();
    h.alt('e').type("smile");
    int title = titleRow(h);
    String second = h.row(title + 2);

    assertThat(h.cell(40, title + 1).getBackgroundColor())
        .isEqualTo(Style.LIST_CURRENT.background());

    h.press(KeyType.ArrowDown);
    assertThat(h.cell(40, title + 2).getBackgroundColor())
        .isEqualTo(Style.LIST_CURRENT.background());
    assertThat(h.cell(40, title + 1).getBackgroundColor())
        .isNotEqualTo(Style.LIST_CURRENT.background());
    h.press(KeyType.Escape);

    assertThat(titleRow(h)).isNegative();
    assertThat(h.inputRow().strip()).isEqualTo(">");
    assertThat(second).contains(":smile");
  }

  @Test
  void emojiCommand_opensPickerWithItsFilter() {
    TuiHarness h = inLobby();
    SlashCommandDispatcher commands = new SlashCommandDispatcher();
    h.onLine = commands::dispatch;

    h.type("/emoji thumbs").press(KeyType.Enter);

    int title = titleRow(h);
    assertThat(title).isPositive();
    assertThat(h.row(title)).contains("emoji: thumbs_");
    assertThat(h.screen()).contains("👍");
    h.press(KeyType.Enter);
    assertThat(h.inputRow()).startsWith("> 👍");
  }

  @Test
  void picker_noMatch_saysSo_andEnterJustCloses() {
    TuiHarness h = inLobby();

    h.alt('e').type("qqqzzz");

    assertThat(h.screen()).contains("no emoji match");
    h.press(KeyType.Enter);
    assertThat(titleRow(h)).isNegative();
    assertThat(h.inputRow().strip()).isEqualTo(">");
  }

  @Test
  void picker_keepsPaneBordersInPlace() {
    TuiHarness h = inLobby();

    h.alt('e');

    StringBuilder border = new StringBuilder();
    for (int row = 1; row <= 21; row++) {
      border.append(h.cell(67, row).getCharacterString());
    }
    assertThat(border.toString()).isEqualTo("│".repeat(21));
  }
}
