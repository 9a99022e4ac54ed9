package chat.crypto.internal;

import chat.crypto.MalformedDataException;

/**
 * Length-hiding padding: {@code u32 length || message || zeros}, padded to at least 256 bytes and
 * then to the Padmé length (Nikitin et al., PETS 2019), which leaks O(log log L) bits of L.
 */
public final class Padding {
  /** Smallest padded size in bytes. */
  public static final int MIN_PADDED_BYTES = 256;

  private Padding() {}

  /** Largest length {@link #paddedLength} accepts; far above any envelope's limit. */
  public static final int MAX_LENGTH = 1 << 30;

  /**
   * The Padmé length for {@code length} (at least 256).
   *
   * @throws IllegalArgumentException if {@code length} is negative or above {@link #MAX_LENGTH}
   */
  public static int paddedLength(int length) {
    if (length < 0 || length > MAX_LENGTH) {
      throw new IllegalArgumentException("length out of range for padding");
    }
    if (length <= MIN_PADDED_BYTES) {
      return MIN_PADDED_BYTES;
    }
    int e = 31 - Integer.numberOfLeadingZeros(length);
    int s = 32 - Integer.numberOfLeadingZeros(e);
    int lastBits = e - s;
    int mask = (1 << lastBits) - 1;
    return (length + mask) & ~mask;
  }

  /** Frames and pads {@code message}. */
  public static byte[] pad(byte[] message) {
    int framed = message.length + 4;
    byte[] out = new byte[paddedLength(framed)];
    out[0] = (byte) (message.length >>> 24);
    out[1] = (byte) (message.length >>> 16);
    out[2] = (byte) (message.length >>> 8);
    out[3] = (byte) message.length;
    System.arraycopy(message, 0, out, 4, message.length);
    return out;
  }

  /**
   * Removes the padding.
   *
   * @throws MalformedDataException if the length does not fit, the padding is not all zero or the
   *     padded size is not the one {@link #pad} would make
   */
  public static byte[] unpad(byte[] padded) throws MalformedDataException {
    ByteReader in = new ByteReader(padded);
    int length = in.u32(MAX_LENGTH - 4);
    if (length > in.remaining() || paddedLength(length + 4) != padded.length) {
      throw new MalformedDataException("bad padding");
    }
    byte[] message = in.raw(length);
    int nonZero = 0;
    while (in.remaining() > 0) {
      nonZero |= in.u8();
    }
    if (nonZero != 0) {
      throw new MalformedDataException("bad padding");
    }
    return message;
  }
}
