package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TerminalSafeTest {
  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiterString = "|",
      value = {
        "a\u001b[31mred\u001b[0mb | aredb | CSI colour",
        "a\u001b[2J\u001b[Hb | ab | CSI clear screen and home",
        "a\u001b[?1049hb | ab | CSI private mode",
        "a\u001b]0;owned\u0007b | ab | OSC title with BEL",
        "a\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\b | alinkb | OSC 8 hyperlink with ST",
        "a\u001bPq#0;2;0;0;0\u001b\\b | ab | DCS sixel",
        "a\u001b_apc\u001b\\b | ab | APC",
        "a\u001b(0b | ab | nF charset switch",
        "a\u001bcb | ab | RIS full reset",
        "a\u009b31mb | ab | 8-bit CSI",
        "a\u009d0;t\u009cb | ab | 8-bit OSC with 8-bit ST",
        "a\u0085b\u0090x\u009cc | abc | C1 NEL and DCS",
        "a\u0000b\u0007c\u0008d\u007fe | abcde | C0 and DEL",
        "a\rb | ab | carriage return",
        "a\u202Eb\u2066c\u200Fd | abcd | bidi controls",
        "a\u2028b\u2029c | abc | line separators",
        "a\u001b | a | dangling ESC",
        "a\u001b[31 | a | unterminated CSI",
        "a\u001b]0;never ends | a | unterminated OSC",
      })
  void line_removesControlsAndSequences(String input, String expected, String name) {
    assertThat(TerminalSafe.line(input)).isEqualTo(expected);
  }

  /** A typed value in an error message shows what {@link TerminalSafe#line} would hide. */
  @Test
  void typed_controlAndBidiCharactersShownAsEscapes_longValuesCut() {
    assertThat(TerminalSafe.typed("al\u001B[31mice")).isEqualTo("al\\u001B[31mice");
    assertThat(TerminalSafe.typed("ali\u202Ece")).isEqualTo("ali\\u202Ece");
    assertThat(TerminalSafe.typed("127.0.0.1:7443\r")).isEqualTo("127.0.0.1:7443\\r");
    assertThat(TerminalSafe.typed("bob 👍 é")).isEqualTo("bob 👍 é");
    assertThat(TerminalSafe.typed("x".repeat(100_000)))
        .isEqualTo("x".repeat(TerminalSafe.MAX_TYPED) + "…");
    assertThat(TerminalSafe.line(TerminalSafe.typed("a\u001Bb"))).isEqualTo("a\\u001Bb");
    assertThat(TerminalSafe.typed("a" + "\u0301".repeat(6)))
        .isEqualTo("a" + "\u0301".repeat(TerminalSafe.MAX_MARKS) + "\\u0301\\u0301");
  }

  @Test
  void quoted_curlyQuotesInside_cannotEndTheQuoteEarly() {
    assertThat(TerminalSafe.quoted("\u201d 3 members, 3 online"))
        .isEqualTo("\u201c' 3 members, 3 online\u201d");
    assertThat(TerminalSafe.quoted("Mary\u2019s \"crew\"\n"))
        .isEqualTo("\u201cMary\u2019s \"crew\"\u201d");
  }

  @Test
  void line_keepsPrintableUnicode() {
    String text = "Grüße, 世界! 👩‍👩‍👧 עברית ∑ ~`!@#$%^&*()[]{}";

    assertThat(TerminalSafe.line(text)).isEqualTo(text);
  }

  @Test
  void line_removesInvisibleCharactersThatCanHideText() {
    String tags = new StringBuilder().appendCodePoint(0xE0041).appendCodePoint(0xE0042).toString();
    String hidden =
        "pay" + tags + "\u200Bme\uFEFF now\u00AD\u180E\u2060\u2063!\u3164\uFFA0\u115F\u1160";

    assertThat(TerminalSafe.line(hidden)).isEqualTo("payme now!");
  }

  @Test
  void line_keepsASubdivisionFlag_butNotTagsAfterAnyOtherCharacter() {
    StringBuilder england = new StringBuilder().appendCodePoint(0x1F3F4);
    for (char c : "gbeng".toCharArray()) {
      england.appendCodePoint(0xE0000 + c);
    }
    england.appendCodePoint(0xE007F);
    String flag = england.toString();
    String unterminated =
        new StringBuilder().appendCodePoint(0x1F3F4).appendCodePoint(0xE0067).toString();

    assertThat(TerminalSafe.line("go " + flag + " go")).isEqualTo("go " + flag + " go");
    assertThat(TerminalSafe.line(unterminated + "x")).isEqualTo("\uD83C\uDFF4x");
    String upperTags =
        new StringBuilder()
            .appendCodePoint(0x1F3F4)
            .appendCodePoint(0xE0048)
            .appendCodePoint(0xE0049)
            .appendCodePoint(0xE004A)
            .appendCodePoint(0xE007F)
            .toString();
    assertThat(TerminalSafe.line(upperTags)).as("not a subdivision code").isEqualTo("\uD83C\uDFF4");
    assertThat(TerminalSafe.line("\u2764\uFE0F\uFE00\uFE01 \u263A\uFE0E"))
        .as("one variation selector shows a variant; a run of them hides bits")
        .isEqualTo("\u2764\uFE0F \u263A\uFE0E");
    assertThat(TerminalSafe.line("a\u200Db"))
        .as("the joiner of emoji sequences")
        .isEqualTo("a\u200Db");
  }

  @Test
  void showsNothing_onlyJoinersBlanksOrSpaces_true() {
    assertThat(TerminalSafe.showsNothing("\u200C\u200D\u200C")).isTrue();
    assertThat(TerminalSafe.showsNothing("\u2800\u2800")).isTrue();
    assertThat(TerminalSafe.showsNothing(" \u00A0\u2007\u202F\u3000\n\t")).isTrue();
    assertThat(TerminalSafe.showsNothing("\u200D\uFE0F\u200B\u001b[31m")).isTrue();
    assertThat(TerminalSafe.showsNothing("")).isTrue();
  }

  @Test
  void showsNothing_onlyCombiningMarks_true_butALetterUnderThemOrANewerEmoji_false() {
    assertThat(TerminalSafe.showsNothing("\u0301\u0301")).isTrue();
    assertThat(TerminalSafe.showsNothing(" \u20DD\u0903\u0301 ")).as("enclosing, spacing").isTrue();
    assertThat(TerminalSafe.showsNothing("\u0301e\u0301")).isFalse();
    assertThat(TerminalSafe.showsNothing("\uD83E\uDEE0")).as("U+1FAE0, Unicode 14").isFalse();
  }

  @Test
  void showsNothing_anEmojiSequenceOrWordsWithJoiners_false_andTheJoinersAreKept() {
    String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
    String persian = "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645";

    assertThat(TerminalSafe.showsNothing(family)).isFalse();
    assertThat(TerminalSafe.showsNothing(persian)).isFalse();
    assertThat(TerminalSafe.showsNothing("\u200D.")).isFalse();
    assertThat(TerminalSafe.text(family + " " + persian)).isEqualTo(family + " " + persian);
  }

  @Test
  void line_removesNewlinesAndTabs() {
    assertThat(TerminalSafe.line("a\nb\tc")).isEqualTo("abc");
  }

  @Test
  void text_keepsNewlinesAndTabs_crLfIsOneLineBreak() {
    assertThat(TerminalSafe.text("one\r\ntwo\tthree\n\u001b[1mfour"))
        .isEqualTo("one\ntwo\tthree\nfour");
  }

  @Test
  void text_loneCarriageReturn_isALineBreak() {
    assertThat(TerminalSafe.text("left\rright\r\r\nend\r")).isEqualTo("left\nright\n\nend\n");
  }

  @Test
  void output_neverContainsEscOrC1() {
    StringBuilder all = new StringBuilder();
    for (int cp = 0; cp < 0x300; cp++) {
      all.appendCodePoint(cp);
      all.append("[");
    }
    String cleaned = TerminalSafe.text(all.toString());

    assertThat(cleaned.chars().filter(c -> Character.isISOControl(c) && c != '\n' && c != '\t'))
        .isEmpty();
  }

  @Test
  void line_keepsFourMarksOnACharacter_dropsTheRestOfAStack() {
    String zalgo = "h" + "\u0301\u0316\u0332\u0347\u0363\u036A\u0489".repeat(5) + "i";

    assertThat(TerminalSafe.line(zalgo)).isEqualTo("h\u0301\u0316\u0332\u0347i");
    assertThat(TerminalSafe.line("Vi\u1EC7t \u05E9\u05C1\u05B8\u05DC\u05D5\u05B9\u05DD"))
        .as("Vietnamese and pointed Hebrew are untouched")
        .isEqualTo("Vi\u1EC7t \u05E9\u05C1\u05B8\u05DC\u05D5\u05B9\u05DD");
    assertThat(TerminalSafe.line("1\uFE0F\u20E3 \u2764\uFE0F"))
        .isEqualTo("1\uFE0F\u20E3 \u2764\uFE0F");
  }
}
