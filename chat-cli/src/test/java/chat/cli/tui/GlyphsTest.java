package chat.cli.tui;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.emoji.EmojiCatalog;
import chat.cli.emoji.EmojiEntry;
import com.googlecode.lanterna.TextCharacter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GlyphsTest {
  private static List<Cell> cells(String text) {
    return Cells.line(text, Style.TEXT);
  }

  private static List<String> glyphs(String text) {
    return cells(text).stream().map(Cell::glyph).toList();
  }

  @Test
  void wideSingleCharacterEmoji_getsVariationSelector_twoColumns() {
    assertThat(glyphs("✅")).containsExactly("✅\uFE0F");
    assertThat(Cells.width("✅⌚")).isEqualTo(4);
  }

  @Test
  void textDefaultWithVariationSelector_drawnAsText_oneColumn() {
    assertThat(glyphs("❤️")).containsExactly("❤");
    assertThat(Cells.width("a❤️b")).isEqualTo(3);
  }

  @Test
  void skinTone_leftOut_baseEmojiKept() {
    assertThat(glyphs("👍🏽!")).containsExactly("👍", "!");
    assertThat(glyphs("🏽")).containsExactly("🏽");
  }

  /** ☝ ✌ ✍ 🖐 🏌 ⛹ 🕵 are text by default: their tone is left out as 👍's is. */
  @Test
  void skinTone_afterATextDefaultEmoji_leftOutToo() {
    assertThat(glyphs("\u261D\uD83C\uDFFD \u270C\uD83C\uDFFD \uD83D\uDD90\uD83C\uDFFD!"))
        .containsExactly("\u261D", " ", "\u270C", " ", "\uD83D\uDD90", "!");
    assertThat(glyphs("a\uD83C\uDFFD")).as("after a letter, shown").contains("\uD83C\uDFFD");
    assertThat(glyphs("\u2665\uD83C\uDFFD"))
        .as("after ♥, which takes none")
        .contains("\uD83C\uDFFD");
    assertThat(glyphs("\u261D\uFE0F\uD83C\uDFFD"))
        .noneMatch(glyph -> glyph.contains("\uD83C\uDFFD"));
  }

  @Test
  void flag_drawnAsItsLetters() {
    assertThat(glyphs("🇩🇪🇯🇵")).containsExactly("D", "E", " ", "J", "P");
  }

  @Test
  void zwjSequence_drawnAsItsParts() {
    assertThat(glyphs("👨\u200D👩\u200D👧")).containsExactly("👨", "👩", "👧");
    assertThat(Cells.width("👨\u200D👩\u200D👧")).isEqualTo(6);
  }

  @Test
  void everyCatalogEmoji_oneLanternaCellEach_wideUnlessTextByDefault() {
    EmojiCatalog catalog = EmojiCatalog.shared();
    List<String> disagreements = new ArrayList<>();
    for (EmojiEntry entry : catalog.search("", 100_000)) {
      for (Cell cell : cells(entry.emoji() + " x")) {
        int first = cell.glyph().codePointAt(0);
        boolean text =
            catalog.isTextByDefault(first)
                && cell.glyph().length() == Character.charCount(first) // drawn as text: no U+FE0F
                && (first < 0x3000 || first > 0x33FF) // 〰 〽 ㊗ ㊙ are wide all the same,
                && (first < 0x1F200 || first > 0x1F2FF); // and so are 🈂 🈷
        boolean wide = !cell.isSpace() && first > 0x7F && !text && first != 0x2139; // ℹ is a letter
        if (TextCharacter.fromString(cell.glyph()).length != 1 || wide != (cell.width() == 2)) {
          disagreements.add(entry.shortcode() + " " + cell.glyph() + " " + cell.width());
        }
      }
    }
    assertThat(disagreements).isEmpty();
  }

  @Test
  void outsideTheBmp_oneColumnUnlessWide() {
    assertThat(Cells.width("\uD835\uDC1B\uD835\uDC28\uD835\uDC25\uD835\uDC1D"))
        .as("𝐛𝐨𝐥𝐝, mathematical bold letters")
        .isEqualTo(4);
    assertThat(glyphs("\uD83D\uDDA5\uFE0F")).as("🖥️, text by default").containsExactly("🖥");
    assertThat(Cells.width("\uD83D\uDDA5\uFE0F\uD83C\uDFF3")).isEqualTo(2);
    assertThat(Cells.width("\uD83D\uDE00")).as("😀").isEqualTo(2);
    assertThat(Cells.width("\uD840\uDC00")).as("U+20000, a CJK ideograph").isEqualTo(2);
    assertThat(Cells.width("\uD83C\uDE02")).as("🈂, text by default but wide").isEqualTo(2);
    assertThat(Glyphs.columns("\uD835\uDC00\u0301")).as("𝐀 with a mark").isEqualTo(1);
  }

  @Test
  void insideTheBmp_wideAsTerminalsDrawIt() {
    assertThat(Cells.width("\uFFE5\u3105\uA000")).as("￥ ㄅ ꀀ").isEqualTo(6);
    assertThat(Cells.width("\u303F\u4DC0")).as("〿 ䷀, not wide").isEqualTo(2);
    assertThat(glyphs("\u2139\uFE0F")).as("ℹ️, text by default").containsExactly("\u2139");
  }

  @Test
  void emojiMessage_onScreen_wrapsWithoutMovingPaneBorders() {
    TuiHarness h = new TuiHarness(80, 24).start().loggedInAs("alice");
    h.alt('1');
    String text = "✅❤️👍🏽🇩🇪👨‍👩‍👧#️⃣ 世界 ".repeat(8) + "end";

    h.client.deliver("#lobby", "bob", text);
    h.drain();

    for (int row = 1; row <= 21; row++) {
      assertThat(h.cell(13, row).getCharacterString()).as("row " + row).isEqualTo("│");
      assertThat(h.cell(67, row).getCharacterString()).as("row " + row).isEqualTo("│");
    }
    assertThat(h.screen()).contains("end");
  }

  @Test
  void emojiInInput_cursorAfterItsTwoColumns() {
    TuiHarness h = new TuiHarness(80, 24).start().loggedInAs("alice");

    h.type("a😀b");

    assertThat(h.terminal.getCursorPosition().getColumn()).isEqualTo(2 + 1 + 2 + 1);
  }

  @Test
  void keycaps_areDrawnAsTheirBase_lettersWithMarks_whole_eachInOneColumn() {
    assertThat(Cells.line("1\uFE0F\u20E3", Style.TEXT))
        .singleElement()
        .satisfies(cell -> assertThat(cell.glyph() + cell.width()).isEqualTo("11"));
    assertThat(Cells.line("#\u20E3q\u0301\u0302", Style.TEXT))
        .extracting(cell -> cell.glyph() + cell.width())
        .containsExactly("#1", "q\u0301\u03021");
    assertThat(Cells.line("\u05E9\u05C1\u05B8\u0628\u064E", Style.TEXT))
        .as("Hebrew with points, Arabic with a vowel mark")
        .extracting(cell -> cell.glyph() + cell.width())
        .containsExactly("\u05E9\u05B8\u05C11", "\u0628\u064E1"); // marks in canonical order
    assertThat(Cells.line("\u2764\uFE0F", Style.TEXT))
        .as("a variation selector alone is left to the emoji fixes")
        .extracting(cell -> cell.glyph() + cell.width())
        .containsExactly("\u27641");
    assertThat(Cells.line("\u4E16\u0301", Style.TEXT))
        .as("a wide character keeps its two columns")
        .extracting(Cell::width)
        .containsExactly(2);
  }

  @Test
  void columns_countsAMarkedLetterAsOne_andAsLanternaDoesOtherwise() {
    assertThat(Glyphs.columns("e\u0301\u0302")).isEqualTo(1);
    assertThat(Glyphs.columns("a")).isEqualTo(1);
    assertThat(Glyphs.columns("\u4E16")).isEqualTo(2);
    assertThat(Glyphs.columns("\u2705\uFE0F")).isEqualTo(2);
  }
}
