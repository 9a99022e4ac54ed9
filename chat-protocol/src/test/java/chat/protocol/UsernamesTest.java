package chat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class UsernamesTest {
  /** The rule as the README and PacketDiagram.md state it. */
  private static final Pattern RULE = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{2,31}");

  @Test
  void isValid_rules() {
    assertThat(Usernames.isValid("alice")).isTrue();
    assertThat(Usernames.isValid("Bob.Smith-2_x")).isTrue();
    assertThat(Usernames.isValid("abc")).isTrue();
    assertThat(Usernames.isValid("a" + "b".repeat(31))).isTrue();
    assertThat(Usernames.isValid("a" + "b".repeat(32))).isFalse();
    assertThat(Usernames.isValid("ab")).isFalse();
    assertThat(Usernames.isValid("1abc")).isFalse();
    assertThat(Usernames.isValid("_abc")).isFalse();
    assertThat(Usernames.isValid("ab c")).isFalse();
    assertThat(Usernames.isValid("abc\n")).isFalse();
    assertThat(Usernames.isValid("alicé")).isFalse();
    assertThat(Usernames.isValid("ａbc")).isFalse(); // a fullwidth letter
    assertThat(Usernames.isValid("")).isFalse();
    assertThat(Usernames.isValid(null)).isFalse();
  }

  @Test
  void isValid_randomStrings_agreesWithTheStatedRule() {
    Random random = new Random(20261130);
    String alphabet = "aZz09_.-#+@ é\u0000\u212a"; // U+212A KELVIN SIGN lowercases to 'k'
    for (int round = 0; round < 200_000; round++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(36);
      for (int i = 0; i < length; i++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String candidate = text.toString();
      assertThat(Usernames.isValid(candidate))
          .as("%s", candidate)
          .isEqualTo(RULE.matcher(candidate).matches());
    }
  }

  @Test
  void isReserved_namesThatReadAsYou_onlyThose() {
    for (String name : new String[] {"you", "You", "YOU", "yoU", "y0u", "Y0U"}) {
      assertThat(Usernames.isReserved(name)).as(name).isTrue();
    }
    for (String name : new String[] {"youth", "bayou", "yous", "your", "yo", "me", "-you", null}) {
      assertThat(Usernames.isReserved(name)).as(name).isFalse();
    }
  }
}
