package chat.cli.line;

import static org.assertj.core.api.Assertions.assertThat;

import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

class RowWrapperTest {
  private static String wrap(int width, String text) {
    return new RowWrapper(width, glyph -> new AttributedString(glyph).columnLength()).wrap(text);
  }

  @Test
  void aShortLine_isLeftAsItIs() {
    assertThat(wrap(40, "12:00:01 <bob> hello there")).isEqualTo("12:00:01 <bob> hello there");
  }

  @Test
  void aLongLine_breaksAtSpaces_withAHangingIndent() {
    assertThat(wrap(20, "12:00:01 <bob> the deploy is at noon today"))
        .isEqualTo("12:00:01 <bob> the\n    deploy is at\n    noon today");
  }

  @Test
  void aWordWiderThanARow_isBrokenInside() {
    assertThat(wrap(10, "a 0123456789abcdef")).isEqualTo("a 01234567\n    89abcd\n    ef");
  }

  /**
   * Padding that the terminal would wrap so that the rest starts a row at column 0, reading as
   * alice's message: here every row after the first starts with the indent.
   */
  @Test
  void spacesPaddedToTheEdge_cannotStartARowAtColumnZero() {
    String message = "12:00:01 <mallory> ok" + " ".repeat(99) + "12:00:02 <alice> send it to me";

    String rows = wrap(119, message);

    assertThat(rows.lines().skip(1)).allMatch(row -> row.startsWith("    "));
    assertThat(rows.lines()).allMatch(row -> new AttributedString(row).columnLength() <= 119);
    assertThat(rows).contains("12:00:02 <alice> send it to me");
  }

  @Test
  void anyPaddingGlyph_cannotStartARowAtColumnZeroEither() {
    String message = "12:00:01 <mallory> ok " + ".".repeat(97) + "12:00:02 <alice> hi";

    assertThat(wrap(119, message).lines().skip(1)).allMatch(row -> row.startsWith("    "));
  }

  @Test
  void itsOwnLineBreaks_andTheirIndent_areKept() {
    assertThat(wrap(20, "12:00:01 <bob> one\n    two three four five"))
        .isEqualTo("12:00:01 <bob> one\n    two three four\n    five");
  }

  @Test
  void wideGlyphs_countTwoColumns_andAreNeverSplit() {
    assertThat(wrap(12, "<bob> 🎉🎉🎉🎉🎉🎉")).isEqualTo("<bob>\n    🎉🎉🎉🎉\n    🎉🎉");
  }

  @Test
  void anUnknownWidth_leavesTheTextAsItIs() {
    String text = "x".repeat(300);

    assertThat(wrap(0, text)).isEqualTo(text);
  }
}
