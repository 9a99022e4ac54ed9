package chat.crypto.internal;

import chat.crypto.MalformedDataException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked big-endian reader: every read past the end, oversized length or bad UTF-8 throws
 * {@link MalformedDataException}, never a runtime exception.
 */
public final class ByteReader {
  private final byte[] data;
  private int position;

  /** Reads {@code data} from the start; the array is not copied and must not change. */
  public ByteReader(byte[] data) {
    this.data = data;
  }

  /** The current offset. */
  public int position() {
    return position;
  }

  /** Bytes left to read. */
  public int remaining() {
    return data.length - position;
  }

  private void need(int count) throws MalformedDataException {
    if (count < 0 || count > remaining()) {
      throw new MalformedDataException("truncated input");
    }
  }

  /** Reads one unsigned byte. */
  public int u8() throws MalformedDataException {
    need(1);
    return data[position++] & 0xFF;
  }

  /** Reads an unsigned 16-bit integer. */
  public int u16() throws MalformedDataException {
    need(2);
    int value = ((data[position] & 0xFF) << 8) | (data[position + 1] & 0xFF);
    position += 2;
    return value;
  }

  /** Reads an unsigned 32-bit integer that must not exceed {@code max}. */
  public int u32(int max) throws MalformedDataException {
    need(4);
    long value =
        ((long) (data[position] & 0xFF) << 24)
            | ((data[position + 1] & 0xFF) << 16)
            | ((data[position + 2] & 0xFF) << 8)
            | (data[position + 3] & 0xFF);
    position += 4;
    if (value > max) {
      throw new MalformedDataException("value too large");
    }
    return (int) value;
  }

  /** Reads a 64-bit integer. */
  public long u64() throws MalformedDataException {
    need(8);
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (data[position++] & 0xFF);
    }
    return value;
  }

  /** Reads exactly {@code count} bytes. */
  public byte[] raw(int count) throws MalformedDataException {
    need(count);
    byte[] out = new byte[count];
    System.arraycopy(data, position, out, 0, count);
    position += count;
    return out;
  }

  /** Moves past exactly {@code count} bytes without copying them. */
  public void skip(int count) throws MalformedDataException {
    need(count);
    position += count;
  }

  /** Reads a u8-length-prefixed UTF-8 string of 1 to 255 bytes; invalid UTF-8 is rejected. */
  public String string8() throws MalformedDataException {
    int length = u8();
    if (length == 0) {
      throw new MalformedDataException("empty string");
    }
    need(length);
    int start = position;
    position += length;
    if (isAscii(start, length)) {
      // Every byte below 0x80 is valid UTF-8 as it stands: most ids, and a relay reads one per
      // recipient of every envelope, where a strict decoder each time cost more than the rest.
      return new String(data, start, length, StandardCharsets.US_ASCII);
    }
    ByteBuffer utf8 = ByteBuffer.wrap(data, start, length);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(utf8)
          .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedDataException("invalid UTF-8");
    }
  }

  private boolean isAscii(int start, int length) {
    for (int i = start; i < start + length; i++) {
      if (data[i] < 0) {
        return false;
      }
    }
    return true;
  }

  /** Reads u16-length-prefixed bytes. */
  public byte[] bytes16() throws MalformedDataException {
    return raw(u16());
  }

  /** Reads u32-length-prefixed bytes of at most {@code max} bytes. */
  public byte[] bytes32(int max) throws MalformedDataException {
    return raw(u32(max));
  }

  /** Throws unless every byte was read. */
  public void expectEnd() throws MalformedDataException {
    if (remaining() != 0) {
      throw new MalformedDataException("trailing bytes");
    }
  }
}
