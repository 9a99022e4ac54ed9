package chat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8Test {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "41",
        "c2a9",
        "e282ac",
        "f09f9880",
        "ed9fbf",
        "ee8080",
        "f48fbfbf",
        "efbfbd",
        "7f"
      })
  void wellFormed(String hex) {
    assertThat(Utf8.isWellFormed(HexFormat.of().parseHex(hex))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "c0af", // overlong '/'
        "c09b", // overlong ESC
        "e080af", // overlong, 3 bytes
        "f08080af", // overlong, 4 bytes
        "eda080", // a surrogate
        "f4908080", // past U+10FFFF
        "f5808080", // past U+10FFFF
        "80", // a lone continuation byte
        "c2", // cut short
        "e282", // cut short
        "e2ac", // a continuation byte missing
        "ff",
        "fe"
      })
  void notWellFormed(String hex) {
    assertThat(Utf8.isWellFormed(HexFormat.of().parseHex(hex))).isFalse();
  }

  /** Agrees with the JDK's strict decoder on many random byte strings. */
  @Test
  void agreesWithTheJdksStrictDecoder() {
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes = new byte[random.nextInt(8)];
      for (int k = 0; k < bytes.length; k++) {
        bytes[k] = (byte) (random.nextBoolean() ? 0x80 + random.nextInt(0x80) : random.nextInt());
      }
      assertThat(Utf8.isWellFormed(bytes))
          .as(HexFormat.of().formatHex(bytes))
          .isEqualTo(jdk(bytes));
    }
  }

  private static boolean jdk(byte[] bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
