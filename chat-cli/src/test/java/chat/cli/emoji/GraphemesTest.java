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
}
