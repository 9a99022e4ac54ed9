package chat.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.crypto.MalformedDataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tests {@link Padding}: the Padmé lengths, the round trip and every way {@code unpad} refuses. */
class PaddingTest {
  private static final Random RANDOM = new Random(20240601L);

  private static byte[] message(int length) {
    byte[] message = new byte[length];
    RANDOM.nextBytes(message);
    return message;
  }

  /** A message with no zero byte, so that moving the end of the message is always visible. */
  private static byte[] nonZeroMessage(int length) {
    byte[] message = new byte[length];
    Arrays.fill(message, (byte) 0x55);
    return message;
  }

  private static byte[] withLengthField(byte[] padded, long length) {
    byte[] out = padded.clone();
    out[0] = (byte) (length >>> 24);
    out[1] = (byte) (length >>> 16);
    out[2] = (byte) (length >>> 8);
    out[3] = (byte) length;
    return out;
  }

  @Test
  void paddedLength_upTo256_is256() {
    for (int length : new int[] {0, 1, 4, 100, 255, 256}) {
      assertThat(Padding.paddedLength(length)).as("length %d", length).isEqualTo(256);
    }
  }

  /**
   * Worked by hand from the Padmé formula: E = floor(log2 L), S = floor(log2 E) + 1, then L is
   * rounded up to a multiple of 2^(E - S).
   */
  @Test
  void paddedLength_handComputedValues_match() {
    // 257: E = 8, S = 4, multiple of 2^4 = 16.
    assertThat(Padding.paddedLength(257)).isEqualTo(272);
    assertThat(Padding.paddedLength(272)).isEqualTo(272);
    assertThat(Padding.paddedLength(273)).isEqualTo(288);
    // 513: E = 9, S = 4, multiple of 2^5 = 32.
    assertThat(Padding.paddedLength(512)).isEqualTo(512);
    assertThat(Padding.paddedLength(513)).isEqualTo(544);
    // 1000: E = 9, S = 4, multiple of 32.
    assertThat(Padding.paddedLength(1000)).isEqualTo(1024);
    // 1025: E = 10, S = 4, multiple of 2^6 = 64.
    assertThat(Padding.paddedLength(1025)).isEqualTo(1088);
    // 4097: E = 12, S = 4, multiple of 2^8 = 256.
    assertThat(Padding.paddedLength(4097)).isEqualTo(4352);
    // 65537: E = 16, S = 5, multiple of 2^11 = 2048.
    assertThat(Padding.paddedLength(65537)).isEqualTo(67584);
    // 1 MiB + 4 (the largest framed plaintext): E = 20, S = 5, multiple of 2^15 = 32768.
    assertThat(Padding.paddedLength((1 << 20) + 4)).isEqualTo(1081344);
  }

  @Test
  void paddedLength_everyLengthUpTo70000_followsPadme() {
    List<String> failures = new ArrayList<>();
    int previous = 0;
    for (int length = 0; length <= 70_000; length++) {
      int padded = Padding.paddedLength(length);
      int expected = length <= 256 ? 256 : padme(length);
      if (padded != expected || padded < previous) {
        failures.add(length + " -> " + padded + ", expected " + expected);
      }
      previous = padded;
    }
    assertThat(failures).isEmpty();
  }

  /** Padmé written out with loops, independently of {@link Padding}. */
  private static int padme(int length) {
    int e = 0;
    while ((2L << e) <= length) {
      e++;
    }
    int s = 1;
    while ((2 << (s - 1)) <= e) {
      s++;
    }
    int step = 1 << (e - s);
    int padded = ((length + step - 1) / step) * step;
    // Sanity of the definition itself: at most step - 1 bytes of overhead, under 1/2^(S-1).
    if (padded - length >= step || (long) (padded - length) << (s - 1) > length) {
      throw new AssertionError("Padmé overhead out of bounds at " + length);
    }
    return padded;
  }

  @Test
  void unpad_paddedMessagesUpTo2000Bytes_returnsMessage() throws Exception {
    for (int length = 0; length <= 2000; length++) {
      byte[] message = message(length);

      byte[] padded = Padding.pad(message);

      assertThat(padded.length)
          .as("length %d", length)
          .isEqualTo(Padding.paddedLength(length + 4))
          .isGreaterThanOrEqualTo(Padding.MIN_PADDED_BYTES);
      assertThat(Padding.unpad(padded)).as("length %d", length).isEqualTo(message);
    }
  }

  @Test
  void unpad_paddedLargeMessages_returnsMessage() throws Exception {
    for (int length : new int[] {4092, 4093, 65_532, 65_533, 100_000, 1 << 20}) {
      byte[] message = message(length);

      byte[] padded = Padding.pad(message);

      assertThat(padded.length).isEqualTo(Padding.paddedLength(length + 4));
      assertThat(Padding.unpad(padded)).as("length %d", length).isEqualTo(message);
    }
  }

  @Test
  void pad_always_startsWithBigEndianLengthAndEndsWithZeros() {
    byte[] padded = Padding.pad(nonZeroMessage(301));

    assertThat(padded).hasSize(320);
    assertThat(Arrays.copyOf(padded, 4)).containsExactly(0, 0, 1, 45);
    assertThat(Arrays.copyOfRange(padded, 4, 305)).containsOnly(0x55);
    assertThat(Arrays.copyOfRange(padded, 305, 320)).containsOnly(0);
  }

  @Test
  void unpad_nonZeroPaddingByte_throwsMalformed() {
    byte[] padded = Padding.pad(nonZeroMessage(10));
    for (int position = 14; position < padded.length; position++) {
      for (int value : new int[] {1, 0x80, 0xFF}) {
        byte[] altered = padded.clone();
        altered[position] = (byte) value;
        assertThatThrownBy(() -> Padding.unpad(altered))
            .as("position %d value %d", position, value)
            .isInstanceOf(MalformedDataException.class);
      }
    }
  }

  @Test
  void unpad_lengthFieldOneShort_throwsMalformed() {
    byte[] padded = Padding.pad(nonZeroMessage(10));

    assertThatThrownBy(() -> Padding.unpad(withLengthField(padded, 9)))
        .isInstanceOf(MalformedDataException.class);
  }

  @Test
  void unpad_lengthFieldOfAnotherSizeClass_throwsMalformed() {
    byte[] small = Padding.pad(nonZeroMessage(10));
    byte[] large = Padding.pad(nonZeroMessage(300));

    // 253 + 4 bytes would pad to 272, not 256; 250 + 4 would pad to 256, not 304.
    assertThatThrownBy(() -> Padding.unpad(withLengthField(small, 253)))
        .isInstanceOf(MalformedDataException.class);
    assertThatThrownBy(() -> Padding.unpad(withLengthField(large, 250)))
        .isInstanceOf(MalformedDataException.class);
  }

  @Test
  void unpad_lengthFieldBeyondInput_throwsMalformed() {
    byte[] padded = Padding.pad(nonZeroMessage(10));
    for (long length : new long[] {253, 256, 300, 0x7FFF_FFFBL, 0x7FFF_FFFFL, 0xFFFF_FFFFL}) {
      assertThatThrownBy(() -> Padding.unpad(withLengthField(padded, length)))
          .as("length %d", length)
          .isInstanceOf(MalformedDataException.class);
    }
  }

  @Test
  void unpad_wrongTotalSize_throwsMalformed() {
    byte[] padded = Padding.pad(nonZeroMessage(10));
    byte[] largePadded = Padding.pad(nonZeroMessage(1000));

    for (byte[] wrong :
        List.of(
            Arrays.copyOf(padded, padded.length + 1),
            Arrays.copyOf(padded, padded.length - 1),
            Arrays.copyOf(padded, 512),
            Arrays.copyOf(largePadded, largePadded.length + 32),
            Arrays.copyOf(largePadded, largePadded.length - 1))) {
      assertThatThrownBy(() -> Padding.unpad(wrong))
          .as("size %d", wrong.length)
          .isInstanceOf(MalformedDataException.class);
    }
  }

  @Test
  void unpad_shorterThanLengthField_throwsMalformed() {
    for (int length = 0; length < 4; length++) {
      byte[] input = new byte[length];
      assertThatThrownBy(() -> Padding.unpad(input))
          .as("length %d", length)
          .isInstanceOf(MalformedDataException.class);
    }
  }

  @Test
  void unpad_randomInput_onlyEverThrowsMalformed() {
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      byte[] input = message(RANDOM.nextInt(600));
      if (i % 2 == 0 && input.length >= 4) {
        input[0] = 0;
        input[1] = 0;
      }
      try {
        Padding.unpad(input);
      } catch (MalformedDataException e) {
        // expected for almost every input
      } catch (RuntimeException e) {
        failures.add(input.length + " bytes: " + e);
      }
    }
    assertThat(failures).isEmpty();
  }
}
