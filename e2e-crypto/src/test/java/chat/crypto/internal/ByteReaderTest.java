package chat.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.crypto.MalformedDataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Tests {@link ByteReader}: exact decoding, and that every truncation, oversized length or bad
 * UTF-8 throws {@link MalformedDataException}, never a runtime exception.
 */
class ByteReaderTest {
  private static final HexFormat HEX = HexFormat.of();

  /** One of every field type, as ByteWriter writes it. */
  private static final byte[] SAMPLE =
      new ByteWriter(64)
          .u8(0xAB)
          .u16(0xBEEF)
          .u32(0x12345678)
          .u64(-2L)
          .string8("h\u00e9llo \ud83d\ude00")
          .bytes16(new byte[] {1, 2, 3})
          .bytes32(new byte[] {4, 5})
          .raw(new byte[] {9, 9})
          .toByteArray();

  /** Reads {@link #SAMPLE}'s fields in order and checks the end. */
  private static List<Object> readSample(ByteReader in) throws MalformedDataException {
    List<Object> values = new ArrayList<>();
    values.add(in.u8());
    values.add(in.u16());
    values.add(in.u32(Integer.MAX_VALUE));
    values.add(in.u64());
    values.add(in.string8());
    values.add(HEX.formatHex(in.bytes16()));
    values.add(HEX.formatHex(in.bytes32(16)));
    values.add(HEX.formatHex(in.raw(2)));
    in.expectEnd();
    return values;
  }

  @Test
  void readSample_fullInput_returnsEveryValue() throws Exception {
    ByteReader in = new ByteReader(SAMPLE);

    assertThat(readSample(in))
        .containsExactly(
            0xAB, 0xBEEF, 0x12345678, -2L, "h\u00e9llo \ud83d\ude00", "010203", "0405", "0909");
    assertThat(in.remaining()).isZero();
    assertThat(in.position()).isEqualTo(SAMPLE.length);
  }

  @Test
  void readSample_truncatedAtEveryOffset_throwsMalformed() {
    List<String> failures = new ArrayList<>();
    for (int cut = 0; cut < SAMPLE.length; cut++) {
      try {
        readSample(new ByteReader(Arrays.copyOf(SAMPLE, cut)));
        failures.add(cut + ": accepted");
      } catch (MalformedDataException e) {
        // expected
      } catch (RuntimeException e) {
        failures.add(cut + ": " + e);
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void readSample_randomInput_onlyEverThrowsMalformed() {
    Random random = new Random(7);
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      byte[] input = new byte[random.nextInt(80)];
      random.nextBytes(input);
      try {
        readSample(new ByteReader(input));
      } catch (MalformedDataException e) {
        // expected for almost every input
      } catch (RuntimeException e) {
        failures.add(HEX.formatHex(input) + ": " + e);
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void skip_withinInput_movesPastAndPastTheEndThrowsMalformed() throws Exception {
    ByteReader in = new ByteReader(SAMPLE);

    in.skip(1);
    assertThat(in.u16()).isEqualTo(0xBEEF);
    in.skip(in.remaining());

    assertThat(in.remaining()).isZero();
    assertThatThrownBy(() -> in.skip(1))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage("truncated input");
    assertThatThrownBy(() -> new ByteReader(SAMPLE).skip(-1))
        .isInstanceOf(MalformedDataException.class);
  }

  @Test
  void expectEnd_trailingByte_throwsMalformed() {
    byte[] longer = Arrays.copyOf(SAMPLE, SAMPLE.length + 1);

    assertThatThrownBy(() -> readSample(new ByteReader(longer)))
        .isInstanceOf(MalformedDataException.class);
  }

  @Test
  void expectEnd_emptyInput_passes() {
    assertThatCode(() -> new ByteReader(new byte[0]).expectEnd()).doesNotThrowAnyException();
  }

  @Test
  void u32_valueAtMax_returnsValue() throws Exception {
    assertThat(new ByteReader(HEX.parseHex("00000064")).u32(100)).isEqualTo(100);
    assertThat(new ByteReader(HEX.parseHex("7fffffff")).u32(Integer.MAX_VALUE))
        .isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void u32_valueAboveMax_throwsMalformed() {
    for (String hex : new String[] {"00000065", "80000000", "ffffffff"}) {
      assertThatThrownBy(() -> new ByteReader(HEX.parseHex(hex)).u32(100))
          .as(hex)
          .isInstanceOf(MalformedDataException.class);
    }
    assertThatThrownBy(() -> new ByteReader(HEX.parseHex("80000000")).u32(Integer.MAX_VALUE))
        .isInstanceOf(MalformedDataException.class);
    assertThatThrownBy(() -> new ByteReader(HEX.parseHex("ffffffff")).u32(Integer.MAX_VALUE))
        .isInstanceOf(MalformedDataException.class);
  }

  @Test
  void bytes32_lengthAboveMax_throwsMalformedEvenIfPresent() {
    byte[] input = new ByteWriter(16).bytes32(new byte[5]).toByteArray();

    assertThatThrownBy(() -> new ByteReader(input).bytes32(4))
        .isInstanceOf(MalformedDataException.class);
  }

  @Test
  void bytes16_lengthBeyondInput_throwsMalformed() {
    assertThatThrownBy(() -> new ByteReader(HEX.parseHex("ffff00")).bytes16())
        .isInstanceOf(MalformedDataException.class);
  }

  @Test
  void raw_negativeCount_throwsMalformed() {
    assertThatThrownBy(() -> new ByteReader(new byte[4]).raw(-1))
        .isInstanceOf(MalformedDataException.class);
  }

  @Test
  void u64_highBitSet_readsAllSixtyFourBits() throws Exception {
    assertThat(new ByteReader(HEX.parseHex("8000000000000001")).u64())
        .isEqualTo(Long.MIN_VALUE + 1);
  }

  @Test
  void string8_zeroLength_throwsMalformed() {
    assertThatThrownBy(() -> new ByteReader(new byte[] {0}).string8())
        .isInstanceOf(MalformedDataException.class);
  }

  @Test
  void string8_invalidUtf8_throwsMalformed() {
    String[] invalid = {
      "80", // lone continuation byte
      "616263ff", // ASCII, then a byte that is never valid
      "c328", // lead byte followed by ASCII
      "c080", // overlong NUL
      "e08080", // overlong
      "eda080", // UTF-16 surrogate D800 (CESU-8)
      "f4908080", // above U+10FFFF
      "e282", // truncated sequence
      "ff", // never valid
      "fe",
    };
    for (String hex : invalid) {
      byte[] utf8 = HEX.parseHex(hex);
      byte[] input = new ByteWriter(8).u8(utf8.length).raw(utf8).toByteArray();
      assertThatThrownBy(() -> new ByteReader(input).string8())
          .as(hex)
          .isInstanceOf(MalformedDataException.class);
    }
  }

  /** ASCII takes a shorter path than other text; both must read back what was written. */
  @Test
  void string8_asciiAndMultiByteText_readBackAsWritten() throws Exception {
    for (String value :
        new String[] {
          "a", "alice", "#general", "\u007e\u0001", "caf\u00e9", "\u4e2d", "x\ud83d\ude00"
        }) {
      byte[] input = new ByteWriter(64).string8(value).u8(7).toByteArray();
      ByteReader in = new ByteReader(input);

      assertThat(in.string8()).as(value).isEqualTo(value);
      assertThat(in.u8()).isEqualTo(7);
    }
  }

  @Test
  void string8_255Bytes_returnsString() throws Exception {
    String value = "x".repeat(255);
    byte[] input = new ByteWriter(256).string8(value).toByteArray();

    assertThat(new ByteReader(input).string8()).isEqualTo(value);
  }

  @Test
  void position_afterEachRead_advances() throws Exception {
    ByteReader in = new ByteReader(SAMPLE);

    in.u8();
    assertThat(in.position()).isEqualTo(1);
    in.u16();
    assertThat(in.position()).isEqualTo(3);
    in.u32(Integer.MAX_VALUE);
    assertThat(in.position()).isEqualTo(7);
    in.u64();
    assertThat(in.position()).isEqualTo(15);
    assertThat(in.remaining()).isEqualTo(SAMPLE.length - 15);
  }

  @Test
  void failedRead_truncated_doesNotAdvance() throws Exception {
    ByteReader in = new ByteReader(new byte[] {1, 2, 3});

    assertThatThrownBy(() -> in.u32(Integer.MAX_VALUE)).isInstanceOf(MalformedDataException.class);
    assertThat(in.position()).isZero();
    assertThat(in.u16()).isEqualTo(0x0102);
  }
}
