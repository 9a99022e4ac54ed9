package chat.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tests {@link Identifiers}: 1 to 255 UTF-8 bytes, no control characters, valid Unicode. */
class IdentifiersTest {
  @Test
  void isValid_ordinaryIds_true() {
    for (String id : new String[] {"alice", "a", "Bob Smith", "#general", "\u00e9mile", "\u4e2d"}) {
      assertThat(Identifiers.isValid(id)).as(id).isTrue();
    }
  }

  @Test
  void isValid_nullOrEmpty_false() {
    assertThat(Identifiers.isValid(null)).isFalse();
    assertThat(Identifiers.isValid("")).isFalse();
  }

  @Test
  void isValid_255Utf8Bytes_true() {
    assertThat(Identifiers.isValid("x".repeat(255))).isTrue();
    assertThat(Identifiers.isValid("\u4e2d".repeat(85))).isTrue(); // 3 bytes each
    assertThat(Identifiers.isValid("\ud83d\ude00".repeat(63) + "abc")).isTrue(); // 4 bytes each
  }

  @Test
  void isValid_over255Utf8Bytes_false() {
    assertThat(Identifiers.isValid("x".repeat(256))).isFalse();
    assertThat(Identifiers.isValid("\u4e2d".repeat(86))).isFalse(); // 86 chars, 258 bytes
    assertThat(Identifiers.isValid("\ud83d\ude00".repeat(64))).isFalse(); // 256 bytes
  }

  /** The byte count is made without encoding: it must agree with the encoder at every width. */
  @Test
  void isValid_lengthLimit_agreesWithTheUtf8Encoding_forRandomIds() {
    Random random = new Random(20261201);
    int[] starts = {0x20, 0x100, 0x800, 0x4e00, 0x10000, 0x1f600};
    for (int round = 0; round < 5_000; round++) {
      StringBuilder id = new StringBuilder();
      int codePoints = 40 + random.nextInt(100);
      for (int i = 0; i < codePoints; i++) {
        id.appendCodePoint(starts[random.nextInt(starts.length)] + random.nextInt(0x50));
      }
      String text = id.toString();
      int encoded = text.getBytes(StandardCharsets.UTF_8).length;
      assertThat(Identifiers.isValid(text)).as("%d bytes", encoded).isEqualTo(encoded <= 255);
    }
    assertThat(Identifiers.isValid("\u00e9".repeat(127) + "x")).isTrue(); // 255 bytes
    assertThat(Identifiers.isValid("\u00e9".repeat(128))).isFalse(); // 256 bytes
  }

  @Test
  void isValid_controlCharacters_false() {
    String[] controls = {"\u0000", "\t", "\n", "\r", "\u001b", "\u007f", "\u0085", "\u009b"};
    for (String control : controls) {
      assertThat(Identifiers.isValid("a" + control + "b"))
          .as("U+%04X", (int) control.charAt(0))
          .isFalse();
    }
  }

  @Test
  void isValid_lineAndParagraphSeparators_false() {
    assertThat(Identifiers.isValid("a\u2028b")).isFalse();
    assertThat(Identifiers.isValid("a\u2029b")).isFalse();
  }

  /**
   * A lone surrogate has no UTF-8 encoding: {@code getBytes(UTF_8)} turns it into {@code '?'}, so
   * the id would not survive encoding and distinct ids would collide on the wire.
   */
  @Test
  void isValid_loneSurrogate_false() {
    assertThat(Identifiers.isValid("a\ud800")).isFalse();
    assertThat(Identifiers.isValid("\udc00b")).isFalse();
    assertThat(Identifiers.isValid("\ude00\ud83d")).isFalse(); // pair in the wrong order
  }

  @Test
  void isValid_surrogatePair_true() {
    assertThat(Identifiers.isValid("a\ud83d\ude00")).isTrue();
  }

  @Test
  void require_validId_returnsIt() {
    assertThat(Identifiers.require("alice", "userId")).isEqualTo("alice");
  }

  @Test
  void require_invalidId_throwsIllegalArgumentNamingTheField() {
    assertThatThrownBy(() -> Identifiers.require("a\nb", "userId"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("userId ");
    assertThatThrownBy(() -> Identifiers.require(null, "conversationId"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
