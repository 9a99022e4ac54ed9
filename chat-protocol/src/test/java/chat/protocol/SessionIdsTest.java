package chat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The session id derivation against the test vectors of PacketDiagram.md ("Sessions"). */
class SessionIdsTest {
  private static byte[] hex(String text) {
    return HexFormat.of().parseHex(text);
  }

  @Test
  void of_packetDiagramVectors() throws Exception {
    assertThat(SessionIds.of(new byte[32])).isEqualTo("ce74d974ecc1");
    assertThat(
            SessionIds.of(hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")))
        .isEqualTo("28909b16a859");
    byte[] tokenHash =
        MessageDigest.getInstance("SHA-256")
            .digest(
                "q5Vd0hXb2mB8Jt6TqS1ePz0wR4yU7iO3aK9cL2fN5gE".getBytes(StandardCharsets.US_ASCII));
    assertThat(HexFormat.of().formatHex(tokenHash))
        .isEqualTo("ca7f5fb032f6eaac19b43df6c35fda17a95e0a0895837acbea27ea7dc0e2848b");
    assertThat(SessionIds.of(tokenHash)).isEqualTo("c8c25f86d8d7");
  }

  @Test
  void of_isNeitherThePrefixOfTheTokenHashNorOfItsPlainHash() throws Exception {
    byte[] tokenHash = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    String plain = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tokenHash));

    assertThat(SessionIds.of(tokenHash))
        .isNotEqualTo("000102030405")
        .isNotEqualTo(plain.substring(0, 12));
  }

  @Test
  void of_aHashOfAnotherLength_isRefused() {
    assertThatThrownBy(() -> SessionIds.of(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void isValid_onlyTwelveLowercaseHexDigits() {
    assertThat(SessionIds.isValid("ce74d974ecc1")).isTrue();
    assertThat(SessionIds.isValid("CE74D974ECC1")).isFalse();
    assertThat(SessionIds.isValid("ce74d974ecc")).isFalse();
    assertThat(SessionIds.isValid("ce74d974ecc1a")).isFalse();
    assertThat(SessionIds.isValid("ce74d974ecg1")).isFalse();
    assertThat(SessionIds.isValid(null)).isFalse();
  }
}
