package chat.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tests {@link Armor}: the exact text form, round trips, and what {@code decode} refuses. */
class ArmorTest {
  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static String armored(String label, String body) {
    return "-----BEGIN CHAT " + label + "-----\n" + body + "\n-----END CHAT " + label + "-----\n";
  }

  @Test
  void encode_smallInput_givesExactText() {
    assertThat(Armor.encode(Armor.IDENTITY, new byte[] {1, 2, 3}))
        .isEqualTo("-----BEGIN CHAT IDENTITY-----\nAQID\n-----END CHAT IDENTITY-----\n");
  }

  @Test
  void encode_longInput_wrapsAt64Characters() {
    String text = Armor.encode(Armor.ENVELOPE, new byte[1000]);
    String[] lines = text.split("\n");

    assertThat(lines[0]).isEqualTo("-----BEGIN CHAT ENVELOPE-----");
    assertThat(lines[lines.length - 1]).isEqualTo("-----END CHAT ENVELOPE-----");
    for (int i = 1; i < lines.length - 2; i++) {
      assertThat(lines[i]).hasSize(64);
    }
    assertThat(lines[lines.length - 2].length()).isBetween(1, 64);
  }

  @Test
  void decode_encodedDataOfEveryLengthUpTo300_roundTrips() throws Exception {
    Random random = new Random(3);
    for (int length = 0; length <= 300; length++) {
      byte[] data = new byte[length];
      random.nextBytes(data);

      byte[] decoded = Armor.decode(Armor.ENVELOPE, ascii(Armor.encode(Armor.ENVELOPE, data)));

      assertThat(decoded).as("length %d", length).isEqualTo(data);
    }
  }

  @Test
  void decode_crlfAndSurroundingWhitespace_accepted() throws Exception {
    byte[] data = new byte[200];
    String text = Armor.encode(Armor.IDENTITY, data).replace("\n", "\r\n");

    assertThat(Armor.decode(Armor.IDENTITY, ascii("\n  " + text + "\n\n"))).isEqualTo(data);
  }

  @Test
  void decode_otherLabel_throwsMalformed() {
    byte[] text = ascii(Armor.encode(Armor.IDENTITY, new byte[10]));

    assertThatThrownBy(() -> Armor.decode(Armor.ENVELOPE, text))
        .isInstanceOf(MalformedDataException.class);
  }

  @Test
  void decode_mismatchedOrMissingMarkers_throwsMalformed() {
    String[] bad = {
      "AQID",
      "-----BEGIN CHAT IDENTITY-----\nAQID\n",
      "AQID\n-----END CHAT IDENTITY-----\n",
      "-----BEGIN CHAT IDENTITY-----\nAQID\n-----END CHAT ENVELOPE-----\n",
      "-----BEGIN CHAT IDENTITY-----\nAQID\n-----END CHAT IDENTITY----\n",
      "prefix -----BEGIN CHAT IDENTITY-----\nAQID\n-----END CHAT IDENTITY-----\n",
    };
    for (String text : bad) {
      assertThatThrownBy(() -> Armor.decode(Armor.IDENTITY, ascii(text)))
          .as(text)
          .isInstanceOf(MalformedDataException.class);
    }
  }

  /** The END marker's dashes overlap the BEGIN marker's: must not be read as an empty body. */
  @Test
  void decode_overlappingMarkers_throwsMalformed() {
    byte[] text = ascii("-----BEGIN CHAT IDENTITY-----END CHAT IDENTITY-----");

    assertThatThrownBy(() -> Armor.decode(Armor.IDENTITY, text))
        .isInstanceOf(MalformedDataException.class);
  }

  @Test
  void decode_emptyBody_returnsEmpty() throws Exception {
    assertThat(Armor.decode(Armor.IDENTITY, ascii(Armor.encode(Armor.IDENTITY, new byte[0]))))
        .isEmpty();
  }

  @Test
  void decode_badBase64_throwsMalformed() {
    String[] bad = {
      "A", // a lone character holds no whole byte
      "AQI=D", // data after padding
      "AQID=", // padding where none belongs
      "AQ=", // incomplete padding
      "AQ!D", // character outside the alphabet
      "AQ-_", // URL-safe alphabet
      "AQ\u00e9D", // non-ASCII
      "AR==", // non-zero bits after the last byte (canonical form is AQ==)
      "AQ", // missing padding
    };
    for (String body : bad) {
      byte[] text = armored(Armor.IDENTITY, body).getBytes(StandardCharsets.UTF_8);
      assertThatThrownBy(() -> Armor.decode(Armor.IDENTITY, text))
          .as(body)
          .isInstanceOf(MalformedDataException.class);
    }
  }

  @Test
  void isArmored_beginMarkerAfterWhitespace_true() {
    assertThat(Armor.isArmored(ascii("-----BEGIN CHAT ENVELOPE-----\n"))).isTrue();
    assertThat(Armor.isArmored(ascii("\r\n\t -----BEGIN CHAT IDENTITY-----\n"))).isTrue();
    assertThat(Armor.isArmored(ascii("\n".repeat(100) + "-----BEGIN CHAT ENVELOPE-----\n")))
        .isTrue();
  }

  @Test
  void isArmored_binaryOrShortInput_false() {
    assertThat(Armor.isArmored(new byte[0])).isFalse();
    assertThat(Armor.isArmored(new byte[] {1, 'R', 0})).isFalse();
    assertThat(Armor.isArmored(ascii("-----BEGIN"))).isFalse();
    assertThat(Armor.isArmored(ascii("x-----BEGIN CHAT ENVELOPE-----"))).isFalse();
  }

  @Test
  void decodeAny_rawOrArmored_returnsData() throws Exception {
    byte[] data = {'R', 1, 2, 3};

    assertThat(Armor.decodeAny(Armor.ENVELOPE, data)).isEqualTo(data);
    assertThat(Armor.decodeAny(Armor.ENVELOPE, ascii(Armor.encode(Armor.ENVELOPE, data))))
        .isEqualTo(data);
  }
}
