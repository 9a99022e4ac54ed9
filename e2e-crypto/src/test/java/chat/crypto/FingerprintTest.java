package chat.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Tests {@link Fingerprint}: size check, display and short forms, parsing and derivation. */
class FingerprintTest {
  private static final HexFormat HEX = HexFormat.of();

  private static byte[] counting() {
    byte[] raw = new byte[32];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = (byte) ((i % 16) * 17);
    }
    return raw;
  }

  private static final String COUNTING_DISPLAY =
      "0011 2233 4455 6677 8899 aabb ccdd eeff 0011 2233 4455 6677 8899 aabb ccdd eeff";

  @Test
  void of_not32Bytes_throwsIllegalArgument() {
    for (int length : new int[] {0, 31, 33}) {
      assertThatThrownBy(() -> Fingerprint.of(new byte[length]))
          .as("length %d", length)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void toDisplayString_knownBytes_gives16GroupsOf4() {
    assertThat(Fingerprint.of(counting()).toDisplayString()).isEqualTo(COUNTING_DISPLAY);
  }

  @Test
  void parse_displayString_roundTrips() throws Exception {
    Fingerprint fingerprint = Fingerprint.of(counting());

    assertThat(Fingerprint.parse(fingerprint.toDisplayString())).isEqualTo(fingerprint);
  }

  @Test
  void parse_upperCaseColonsAndNewlines_accepted() throws Exception {
    String typed = COUNTING_DISPLAY.toUpperCase().replace(' ', ':').replace("CCDD:", "CCDD\n");

    assertThat(Fingerprint.parse(typed)).isEqualTo(Fingerprint.of(counting()));
  }

  @Test
  void parse_notSixtyFourHexDigits_throwsMalformed() {
    String hex = HEX.formatHex(counting());
    for (String bad :
        new String[] {
          "", hex.substring(1), hex + "0", "g" + hex.substring(1), hex.replace('a', '-')
        }) {
      assertThatThrownBy(() -> Fingerprint.parse(bad))
          .as(bad)
          .isInstanceOf(MalformedDataException.class);
    }
  }

  @Test
  void shortForm_always_isFirstEightHexDigits() {
    assertThat(Fingerprint.of(counting()).shortForm()).isEqualTo("00112233");
  }

  @Test
  void toString_always_showsOnlyShortForm() {
    String text = Fingerprint.of(counting()).toString();

    assertThat(text).contains("00112233").doesNotContain("0011223344");
  }

  @Test
  void matches_sameAndOtherValue_comparesBytes() {
    byte[] other = counting();
    other[31] ^= 1;

    assertThat(Fingerprint.of(counting()).matches(Fingerprint.of(counting()))).isTrue();
    assertThat(Fingerprint.of(counting()).matches(Fingerprint.of(other))).isFalse();
    assertThat(Fingerprint.of(counting())).isEqualTo(Fingerprint.of(counting()));
    assertThat(Fingerprint.of(counting())).isNotEqualTo(Fingerprint.of(other));
  }

  @Test
  void of_inputChangedAfterwards_keepsCopy() {
    byte[] raw = counting();
    Fingerprint fingerprint = Fingerprint.of(raw);

    raw[0] = 9;

    assertThat(fingerprint.value().toByteArray()).isEqualTo(counting());
  }

  /** SHA-256 over the context string, a zero byte and the bundle's signed body. */
  @Test
  void bundleFingerprint_always_isSha256OfContextAndBody() throws Exception {
    IdentityBundle bundle = TestIdentities.get("alice").bundle();
    byte[] encoded = bundle.encode();
    byte[] body = Arrays.copyOf(encoded, encoded.length - Ed25519Verifier.SIGNATURE_SIZE_BYTES);
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    digest.update("chat-e2e/v1/fingerprint".getBytes(StandardCharsets.US_ASCII));
    digest.update((byte) 0);
    digest.update(body);

    assertThat(bundle.fingerprint().value().toByteArray()).isEqualTo(digest.digest());
  }

  @Test
  void bundleFingerprint_parsedBundle_isUnchanged() throws Exception {
    IdentityBundle bundle = TestIdentities.get("alice").bundle();

    assertThat(IdentityBundle.parse(bundle.encode()).fingerprint()).isEqualTo(bundle.fingerprint());
    assertThat(TestIdentities.get("bob").bundle().fingerprint()).isNotEqualTo(bundle.fingerprint());
  }
}
