package chat.cli.line;

import static org.assertj.core.api.Assertions.assertThat;

import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

class RowWrapperTest {
  private static String wrap(int width, String text) {
    return new RowWrapper(width, RowWrapper::glyphColumns).wrap(text);
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

  /** A terminal moves a tab to its next stop: measured as nothing, tabs could fill a row unseen. */
  @Test
  void tabs_areFourSpaces_soThatTheyCannotPushTextToColumnZero() {
    String rows = wrap(39, "x\t\t\t\t\t\tX12:00:01 <alice> fake");

    assertThat(rows.lines().skip(1)).allMatch(row -> row.startsWith("    "));
    assertThat(rows).doesNotContain("\t");
  }

  /**
   * JLine counts ❤️ as one column; terminals that draw it two wide would wrap the row themselves.
   */
  @Test
  void anEmojiPresentationSelector_countsTwoColumns() {
    String heart = "\u2764\uFE0F";

    assertThat(wrap(39, "<bob> " + heart.repeat(30)))
        .isEqualTo("<bob>\n    " + heart.repeat(17) + "\n    " + heart.repeat(13));
  }

  /**
   * What {@code wcwidth} measures as nothing but terminals draw: skin-tone modifiers alone, the
   * Arabic number sign; and an emoji with a skin tone that a terminal draws as its two parts.
   */
  @Test
  void charactersTerminalsDrawWiderThanWcwidth_areCountedAsDrawn() {
    assertThat(RowWrapper.glyphColumns("\uD83C\uDFFB")).isEqualTo(2);
    assertThat(RowWrapper.glyphColumns("\u0600")).isEqualTo(1);
    assertThat(RowWrapper.glyphColumns("\uD83D\uDC4D\uD83C\uDFFD")).isEqualTo(4);
    assertThat(RowWrapper.glyphColumns("\u200D")).isEqualTo(1);
    String rows = wrap(39, "x" + "\uD83C\uDFFB".repeat(30) + "22:36:00 <alice> send the password");

    assertThat(rows.lines().skip(1)).allMatch(row -> row.startsWith("    "));
  }

  /** U+0600 joins the character after it: 120 of them and a digit are one grapheme cluster. */
  @Test
  void aGlyphWiderThanARow_isSplitIntoItsCharacters() {
    String rows = wrap(59, "<alice> y" + "\u0600".repeat(120) + "22:36:00 <alice> fake");

    assertThat(rows.lines()).allMatch(row -> row.codePointCount(0, row.length()) <= 59);
    assertThat(rows.lines().skip(1)).allMatch(row -> row.startsWith("    "));
  }

  @Test
  void spacesAfterTheLastWord_leaveNoRowOfTheIndentAlone() {
    assertThat(wrap(20, "hello" + " ".repeat(60))).isEqualTo("hello");
  }

  @Test
  void anUnknownWidth_leavesTheTextAsItIs() {
    String text = "x".repeat(300);

    assertThat(wrap(0, text)).isEqualTo(text);
  }
}
