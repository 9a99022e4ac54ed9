package chat.cli.tui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextWrapperTest {
  private static List<String> wrap(String text, int width, int indent) {
    return TextWrapper.wrap(Cells.text(text, Style.TEXT), width, indent).stream()
        .map(
            line -> {
              StringBuilder out = new StringBuilder();
              line.forEach(c -> out.append(c.glyph()));
              return out.toString();
            })
        .toList();
  }

  @Test
  void wrap_longLine_breaksAtSpaces() {
    assertThat(wrap("the quick brown fox jumps", 10, 0))
        .containsExactly("the quick", "brown fox", "jumps");
  }

  @Test
  void wrap_continuationLines_getHangingIndent() {
    assertThat(wrap("<a> one two three four", 10, 4))
        .containsExactly("<a> one", "    two", "    three", "    four");
  }

  @Test
  void wrap_wordLongerThanLine_isSplit() {
    assertThat(wrap("abcdefghijkl", 5, 0)).containsExactly("abcde", "fghij", "kl");
  }

  @Test
  void wrap_wideCharacters_countTwoColumns() {
    assertThat(wrap("世界世界世", 4, 0)).containsExactly("世界", "世界", "世");
    assertThat(wrap("a世界", 4, 0)).containsExactly("a世", "界");
  }

  @Test
  void wrap_flagAtTheEdge_movesWholeToTheNextLine() {
    // 🇩🇪 is drawn as its two letters: D at the end of a line and E on the next read as two glyphs
    assertThat(wrap("abcd.\uD83C\uDDE9\uD83C\uDDEA!f", 6, 0)).containsExactly("abcd.", "DE!f");
    assertThat(wrap("abcd\uD83C\uDDE9\uD83C\uDDEAef", 5, 0))
        .as("a letter beside the flag is kept apart by a space, where the line wraps")
        .containsExactly("abcd", "DE ef");
    assertThat(
            wrap("\uD83C\uDDE9\uD83C\uDDEA\uD83C\uDDEB\uD83C\uDDF7\uD83C\uDDEE\uD83C\uDDF9", 4, 0))
        .as("adjacent flags wrap at the space between them")
        .containsExactly("DE", "FR", "IT");
    assertThat(wrap("abc \uD83C\uDDE9\uD83C\uDDEA.xyzw", 5, 0))
        .containsExactly("abc ", "DE.xy", "zw");
  }

  @Test
  void wrap_zwjSequenceAtTheEdge_staysOnOneLine() {
    String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"; // drawn as 👨👩👧
    List<String> lines = wrap("abcdefgh" + family, 10, 0);

    assertThat(lines).containsExactly("abcdefgh", "\uD83D\uDC68\uD83D\uDC69\uD83D\uDC67");
  }

  @Test
  void wrap_glyphWiderThanALine_isSplitBetweenItsParts() {
    String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";

    assertThat(wrap(family, 4, 0)).containsExactly("\uD83D\uDC68\uD83D\uDC69", "\uD83D\uDC67");
  }

  @Test
  void wrap_keycapsMarksAndWideGlyphs_neverSplit() {
    assertThat(wrap("abcd1\uFE0F\u20E3q\u0301x", 5, 0)).containsExactly("abcd1", "q\u0301x");
    assertThat(wrap("abcd世x", 5, 0)).containsExactly("abcd", "世x");
  }

  @Test
  void wrap_newlines_startIndentedLines() {
    assertThat(wrap("x: first\nsecond", 20, 3)).containsExactly("x: first", "   second");
  }

  @Test
  void wrap_indentTooWide_isDropped() {
    assertThat(wrap("abcdefgh", 4, 3)).containsExactly("abcd", "efgh");
  }

  @Test
  void wrap_empty_givesOneEmptyLine() {
    assertThat(wrap("", 5, 0)).containsExactly("");
  }

  @Test
  void wrap_zeroWidth_throws() {
    assertThatThrownBy(() -> TextWrapper.wrap(List.of(), 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
