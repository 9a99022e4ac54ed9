package chat.cli.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CellsTest {
  private static String glyphs(List<Cell> cells) {
    StringBuilder out = new StringBuilder();
    cells.forEach(c -> out.append(c.isBreak() ? "|" : c.glyph()));
    return out.toString();
  }

  @Test
  void line_asciiAndLatin_oneColumnEach() {
    List<Cell> cells = Cells.line("Grüße", Style.TEXT);

    assertThat(glyphs(cells)).isEqualTo("Grüße");
    assertThat(Cells.width(cells)).isEqualTo(5);
  }

  @Test
  void line_cjkAndEmoji_twoColumnsEach() {
    assertThat(Cells.width("世界")).isEqualTo(4);
    assertThat(Cells.width("a😀b")).isEqualTo(4);
    assertThat(Cells.line("😀", Style.TEXT)).hasSize(1);
  }

  @Test
  void line_controlCharacters_dropped() {
    assertThat(glyphs(Cells.line("a\u001b[2Jb\u0007c\u009bd\u007fe\nf", Style.TEXT)))
        .isEqualTo("a[2Jbcdef");
  }

  @Test
  void line_combiningSequence_normalizedToOneCell() {
    List<Cell> cells = Cells.line("e\u0301", Style.TEXT);

    assertThat(cells).extracting(Cell::glyph).containsExactly("é");
    assertThat(Cells.width(cells)).isEqualTo(1);
  }

  @Test
  void line_loneMarksFormatCharactersAndSurrogates_neverReachACell() {
    assertThat(glyphs(Cells.line("\u0301a\u200db\ud800c", Style.TEXT))).isEqualTo("ab\uFFFDc");
  }

  @Test
  void text_newlinesAndTabs_becomeBreaksAndSpaces() {
    assertThat(glyphs(Cells.text("a\nb\tc", Style.TEXT))).isEqualTo("a|b    c");
  }

  @Test
  void fit_wideGlyphAtEdge_leftOut() {
    assertThat(glyphs(Cells.fit(Cells.line("ab世", Style.TEXT), 3))).isEqualTo("ab");
  }

  @Test
  void line_glyphsDrawnAsSeveralCells_continueTheFirst() {
    List<Cell> flag = Cells.line("a\uD83C\uDDE9\uD83C\uDDEA\uD83C\uDDEB\uD83C\uDDF7", Style.TEXT);
    List<Cell> family = Cells.line("\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", Style.TEXT);

    assertThat(flag).extracting(Cell::glyph).containsExactly("a", " ", "D", "E", " ", "F", "R");
    assertThat(flag)
        .extracting(Cell::continues)
        .containsExactly(false, false, false, true, false, false, true);
    assertThat(family).extracting(Cell::continues).containsExactly(false, true, true);
  }

  @Test
  void line_joinerAfterASpace_joinsNothing() {
    assertThat(Cells.line("a \u200Db", Style.TEXT))
        .extracting(Cell::continues)
        .containsExactly(false, false, false);
  }

  @Test
  void line_adjacentFlags_keptApartByASpace() {
    String flags = "\uD83C\uDDE9\uD83C\uDDEA\uD83C\uDDEB\uD83C\uDDF7\uD83C\uDDEE\uD83C\uDDF9";

    assertThat(glyphs(Cells.line(flags + "!", Style.TEXT))).isEqualTo("DE FR IT!");
    assertThat(glyphs(Cells.line("\uD83C\uDDE9\uD83C\uDDEA \uD83C\uDDEB\uD83C\uDDF7", Style.TEXT)))
        .as("flags already apart get no second space")
        .isEqualTo("DE FR");
    assertThat(Cells.width(flags)).isEqualTo(8);
  }

  @Test
  void line_flagBesideALetterOrDigit_keptApartByASpace() {
    String us = "\uD83C\uDDFA\uD83C\uDDF8";

    assertThat(glyphs(Cells.line(us + "A", Style.TEXT))).isEqualTo("US A");
    assertThat(glyphs(Cells.line("1" + us + "x", Style.TEXT))).isEqualTo("1 US x");
    assertThat(glyphs(Cells.line("(" + us + ") " + us + "!", Style.TEXT))).isEqualTo("(US) US!");
  }

  @Test
  void fit_flagAtEdge_leftOutWhole() {
    assertThat(glyphs(Cells.fit(Cells.line("a.\uD83C\uDDE9\uD83C\uDDEA", Style.TEXT), 3)))
        .isEqualTo("a.");
  }

  @Test
  void shorten_tooWide_cutsBetweenGlyphsAndAddsTheMark() {
    List<Cell> family = Cells.line("ab👨\u200D👩\u200D👧c", Style.TEXT); // 2 + 6 + 1 columns

    assertThat(Cells.shorten(family, 9, "~", Style.TEXT)).isEqualTo(family);
    assertThat(glyphs(Cells.shorten(family, 8, "~", Style.TEXT))).isEqualTo("ab~");
    assertThat(glyphs(Cells.shorten(Cells.line("漢字漢字", Style.TEXT), 6, "\u2026", Style.TEXT)))
        .isEqualTo("漢字\u2026");
  }

  @Test
  void shortenInMiddle_keepsTheEndInWholeGlyphs() {
    List<Cell> name = Cells.line("#abcdefghijkl-q1", Style.TEXT);
    List<Cell> wide = Cells.line("#会议室会议室", Style.TEXT); // 1 + 12 columns

    assertThat(Cells.shortenInMiddle(name, 16, "\u2026", Style.TEXT, 4)).isEqualTo(name);
    assertThat(glyphs(Cells.shortenInMiddle(name, 10, "\u2026", Style.TEXT, 4)))
        .isEqualTo("#abcde\u2026-q1");
    List<Cell> cut = Cells.shortenInMiddle(wide, 8, "\u2026", Style.TEXT, 4);
    assertThat(glyphs(cut)).isEqualTo("#会议\u2026室");
    assertThat(Cells.width(cut)).isEqualTo(8);
  }
}
