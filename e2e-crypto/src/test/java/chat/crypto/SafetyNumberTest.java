package chat.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

/** Tests {@link SafetyNumber}: symmetry, format, derivation, display and parsing. */
class SafetyNumberTest {
  private static IdentityBundle alice() {
    return TestIdentities.get("alice").bundle();
  }

  private static IdentityBundle bob() {
    return TestIdentities.get("bob").bundle();
  }

  private static IdentityBundle carol() {
    return TestIdentities.get("carol").bundle();
  }

  /** Each half written out from PacketDiagram's rule, independently of {@code SafetyNumber}. */
  private static String referenceHalf(IdentityBundle bundle) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    digest.update("chat-e2e/v1/safety-number".getBytes(StandardCharsets.US_ASCII));
    digest.update((byte) 0);
    byte[] id = bundle.userId().getBytes(StandardCharsets.UTF_8);
    digest.update((byte) id.length);
    digest.update(id);
    digest.update(bundle.fingerprint().value().toByteArray());
    byte[] hash = digest.digest();
    StringBuilder out = new StringBuilder();
    for (int chunk = 0; chunk < 6; chunk++) {
      long value = 0;
      for (int i = 0; i < 5; i++) {
        value = value * 256 + (hash[chunk * 5 + i] & 0xFF);
      }
      out.append(String.format("%05d", value % 100_000));
    }
    return out.toString();
  }

  @Test
  void of_swappedArguments_givesSameNumber() {
    assertThat(SafetyNumber.of(alice(), bob())).isEqualTo(SafetyNumber.of(bob(), alice()));
    assertThat(SafetyNumber.of(alice(), carol())).isEqualTo(SafetyNumber.of(carol(), alice()));
  }

  @Test
  void of_twoBundles_isSortedConcatenationOfHalves() throws Exception {
    String a = referenceHalf(alice());
    String b = referenceHalf(bob());
    String expected = a.compareTo(b) <= 0 ? a + b : b + a;

    assertThat(SafetyNumber.of(alice(), bob()).digits()).isEqualTo(expected);
  }

  @Test
  void of_always_gives60Digits() {
    assertThat(SafetyNumber.of(alice(), bob()).digits()).hasSize(60).containsOnlyDigits();
  }

  @Test
  void of_otherPair_givesOtherNumber() {
    assertThat(SafetyNumber.of(alice(), bob())).isNotEqualTo(SafetyNumber.of(alice(), carol()));
    assertThat(SafetyNumber.of(alice(), bob())).isNotEqualTo(SafetyNumber.of(bob(), carol()));
  }

  @Test
  void of_parsedBundles_givesSameNumber() throws Exception {
    IdentityBundle parsedAlice = IdentityBundle.parse(alice().encode());

    assertThat(SafetyNumber.of(parsedAlice, bob())).isEqualTo(SafetyNumber.of(alice(), bob()));
  }

  @Test
  void toDisplayString_always_twelveGroupsOfFive() {
    SafetyNumber number = SafetyNumber.of(alice(), bob());

    String display = number.toDisplayString();

    assertThat(display).matches("([0-9]{5} ){11}[0-9]{5}");
    assertThat(display.replace(" ", "")).isEqualTo(number.digits());
  }

  @Test
  void parse_displayString_roundTrips() throws Exception {
    SafetyNumber number = SafetyNumber.of(alice(), bob());

    assertThat(SafetyNumber.parse(number.toDisplayString())).isEqualTo(number);
  }

  @Test
  void parse_anyWhitespace_ignored() throws Exception {
    SafetyNumber number = SafetyNumber.of(alice(), bob());
    String digits = number.digits();
    String typed =
        "  "
            + digits.substring(0, 20)
            + "\n"
            + digits.substring(20, 40)
            + "\t  "
            + digits.substring(40)
            + "\r\n";

    assertThat(SafetyNumber.parse(typed)).isEqualTo(number);
  }

  @Test
  void parse_not60AsciiDigits_throwsMalformed() {
    String digits = "0".repeat(60);
    String[] bad = {
      "",
      digits.substring(1),
      digits + "1",
      "a" + digits.substring(1),
      digits.replace("00", "0-"),
      "\u0661" + digits.substring(1) // Arabic-Indic digit one
    };
    for (String text : bad) {
      assertThatThrownBy(() -> SafetyNumber.parse(text))
          .as(text)
          .isInstanceOf(MalformedDataException.class);
    }
  }

  @Test
  void constructor_not60Digits_throwsIllegalArgument() {
    assertThatThrownBy(() -> new SafetyNumber("1".repeat(59)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SafetyNumber("1".repeat(55) + " 1111"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void matches_sameAndOtherNumber_comparesDigits() {
    SafetyNumber number = SafetyNumber.of(alice(), bob());

    assertThat(number.matches(SafetyNumber.of(bob(), alice()))).isTrue();
    assertThat(number.matches(SafetyNumber.of(alice(), carol()))).isFalse();
  }
}
