package chat.cli.emoji;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlagsTest {
  private static final String US = "\uD83C\uDDFA\uD83C\uDDF8";
  private static final String FRANCE = "\uD83C\uDDEB\uD83C\uDDF7";

  @Test
  void spaced_flagThenLetterOrDigit_getsASpace_onEitherSide() {
    assertThat(Flags.spaced(US + "A")).isEqualTo(US + " A");
    assertThat(Flags.spaced("7" + US)).isEqualTo("7 " + US);
    assertThat(Flags.spaced("go" + US + "2024!")).isEqualTo("go " + US + " 2024!");
    assertThat(Flags.spaced(US + "\u00E9t\u00E9"))
        .as("any script")
        .isEqualTo(US + " \u00E9t\u00E9");
    assertThat(Flags.spaced(US + "e\u0301"))
        .as("a letter with its accent")
        .isEqualTo(US + " e\u0301");
  }

  @Test
  void spaced_flagsTogetherOrBesidePunctuationOrSpace_unchanged() {
    for (String text :
        new String[] {US + FRANCE, US + " A", "(" + US + ")", US + "!", "no flag here", ""}) {
      assertThat(Flags.spaced(text)).isEqualTo(text);
    }
  }

  @Test
  void spaced_aLoneIndicatorAfterAFlag_isTreatedAsAFlag() {
    String lone = "\uD83C\uDDE6";
    assertThat(Flags.spaced(US + lone + "b")).isEqualTo(US + lone + " b");
  }

  @Test
  void apart_onlyAFlagBesideALetterOrDigit() {
    int regional = US.codePointAt(0);
    assertThat(Flags.apart(regional, 'A')).isTrue();
    assertThat(Flags.apart('1', regional)).isTrue();
    assertThat(Flags.apart(regional, regional)).isFalse();
    assertThat(Flags.apart('a', 'b')).isFalse();
    assertThat(Flags.apart(regional, ' ')).isFalse();
  }
}
