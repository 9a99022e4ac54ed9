package chat.cli.emoji;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The input line's cursor steps over whole glyphs, emoji sequences included. */
class GraphemesTest {
  private static final String FAMILY = "👨\u200D👩\u200D👧";
  private static final String GERMANY = "🇩🇪";
  private static final String FRANCE = "🇫🇷";

  @Test
  void aZwjSequence_isOneStep() {
    String text = "a" + FAMILY + "b";

    assertThat(Graphemes.previous(text, text.length() - 1)).isEqualTo(1);
    assertThat(Graphemes.next(text, 1)).isEqualTo(1 + FAMILY.length());
  }

  @Test
  void flags_areTwoIndicatorsEach() {
    String text = GERMANY + FRANCE;

    assertThat(Graphemes.previous(text, text.length())).isEqualTo(GERMANY.length());
    assertThat(Graphemes.previous(text, GERMANY.length())).isZero();
    assertThat(Graphemes.next(text, 0)).isEqualTo(GERMANY.length());
  }

  @Test
  void skinToneKeycapAndAccents_stayWithWhatTheyModify() {
    String thumbs = "👍🏽";
    String keycap = "1\uFE0F\u20E3";
    String accented = "e\u0301";
    String text = thumbs + keycap + accented;

    assertThat(Graphemes.next(text, 0)).isEqualTo(thumbs.length());
    assertThat(Graphemes.next(text, thumbs.length())).isEqualTo(thumbs.length() + keycap.length());
    assertThat(Graphemes.previous(text, text.length()))
        .isEqualTo(thumbs.length() + keycap.length());
  }

  @Test
  void plainText_andTheEnds() {
    assertThat(Graphemes.previous("abc", 2)).isEqualTo(1);
    assertThat(Graphemes.next("abc", 2)).isEqualTo(3);
    assertThat(Graphemes.previous("abc", 0)).isZero();
    assertThat(Graphemes.next("abc", 3)).isEqualTo(3);
    assertThat(Graphemes.next("", 0)).isZero();
  }

  @Test
  void insides_flagsZwjAndMarks_butNotBetweenGlyphs() {
    String flags = GERMANY + FRANCE + "\uD83C\uDDE9"; // and a lone indicator
    String text = "a" + FAMILY + flags + "e\u0301";

    int family = 1;
    int first = family + FAMILY.length();
    assertThat(Graphemes.insides(text).stream().boxed().toList())
        .containsExactly(
            family + 2, // before the joiner
            family + 3, // after it
            family + 5,
            family + 6,
            first + 2, // inside 🇩🇪
            first + 6, // inside 🇫🇷
            text.length() - 1); // before the accent
  }

  @Test
  void ends_eachSequenceAFlagAndAMarkedLetter_isOneGlyph() {
    String thumbs = "👍🏽";
    String heart = "\u2764\uFE0F";
    String accented = "q\u0301";
    String text = "a" + FAMILY + GERMANY + thumbs + heart + accented + "😀";

    int[] ends = Graphemes.ends(text);

    assertThat(ends).hasSize(7);
    assertThat(Graphemes.count(text)).isEqualTo(7);
    assertThat(Graphemes.prefix(text, 2)).isEqualTo("a" + FAMILY);
    assertThat(Graphemes.prefix(text, 3)).isEqualTo("a" + FAMILY + GERMANY);
    assertThat(Graphemes.prefix(text, 5)).endsWith(thumbs + heart);
    assertThat(Graphemes.prefix(text, 6)).endsWith(accented);
    assertThat(Graphemes.prefix(text, 0)).isEmpty();
    assertThat(Graphemes.prefix(text, 7)).isEqualTo(text);
    assertThat(Graphemes.ends("")).isEmpty();
  }

  @Test
  void shorten_cutsBetweenGlyphs_neverInsideASurrogatePairOrSequence() {
    String text = "ab" + "😀".repeat(3) + FAMILY + GERMANY + FRANCE;

    assertThat(Graphemes.shorten(text, 8, "...")).isEqualTo(text);
    assertThat(Graphemes.shorten(text, 7, "...")).isEqualTo("ab😀😀...");
    assertThat(Graphemes.shorten(text, 4, "~")).isEqualTo("ab😀~");
    assertThat(Graphemes.shorten("ab" + FAMILY + "c", 3, "~")).isEqualTo("ab~");
    assertThat(Graphemes.shorten("abcd", 2, "...")).isEqualTo("...");
  }
}
