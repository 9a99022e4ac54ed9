package chat.crypto.internal;

import chat.crypto.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Big-endian writer for the canonical binary encodings in PacketDiagram.md, over a plain array: a
 * relay encodes a thousand recipient entries per message, so no locking and, when the capacity hint
 * was exact, no copy at the end.
 */
public final class ByteWriter {
  /** Null once {@link #finish} gave it away. */
  private byte[] buffer;

  private int count;

  /** A writer with an initial capacity hint. */
  public ByteWriter(int capacityHint) {
    if (capacityHint < 0) {
      throw new IllegalArgumentException("negative capacity");
    }
    buffer = new byte[capacityHint];
  }

  /** Makes room for {@code more} bytes, growing the array by at least half. */
  private void reserve(int more) {
    byte[] current = open();
    int needed = count + more;
    if (needed < 0) {
      throw new OutOfMemoryError("encoding larger than an array");
    }
    if (needed > current.length) {
      int grown = current.length + (current.length >> 1);
      buffer = Arrays.copyOf(current, Math.max(needed, grown < 0 ? needed : grown));
    }
  }

  /** Writes one unsigned byte. */
  public ByteWriter u8(int value) {
    if (value < 0 || value > 0xFF) {
      throw new IllegalArgumentException("u8 out of range");
    }
    reserve(1);
    buffer[count++] = (byte) value;
    return this;
  }

  /** Writes an unsigned 16-bit big-endian integer. */
  public ByteWriter u16(int value) {
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException("u16 out of range");
    }
    reserve(2);
    buffer[count++] = (byte) (value >>> 8);
    buffer[count++] = (byte) value;
    return this;
  }

  /** Writes an unsigned 32-bit big-endian integer (given as a non-negative int). */
  public ByteWriter u32(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("u32 out of range");
    }
    return bigEndian(value, 4);
  }

  /** Writes a signed 64-bit big-endian integer. */
  public ByteWriter u64(long value) {
    return bigEndian(value, 8);
  }

  private ByteWriter bigEndian(long value, int size) {
    reserve(size);
    for (int shift = (size - 1) * 8; shift >= 0; shift -= 8) {
      buffer[count++] = (byte) (value >>> shift);
    }
    return this;
  }

  /** Writes raw bytes with no length prefix. */
  public ByteWriter raw(byte[] bytes) {
    return raw(bytes, 0, bytes.length);
  }

  /** Writes {@code bytes[from, to)} with no length prefix. */
  public ByteWriter raw(byte[] bytes, int from, int to) {
    Objects.checkFromToIndex(from, to, bytes.length);
    reserve(to - from);
    System.arraycopy(bytes, from, buffer, count, to - from);
    count += to - from;
    return this;
  }

  /** Writes raw bytes with no length prefix. */
  public ByteWriter raw(Bytes bytes) {
    reserve(bytes.length());
    bytes.copyTo(buffer, count);
    count += bytes.length();
    return this;
  }

  /** Writes {@code n} zero bytes: room to be filled in later, in the finished array. */
  public ByteWriter zeros(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("negative length");
    }
    reserve(n);
    // Nothing is ever written past count, and a new or grown array is zeros there.
    count += n;
    return this;
  }

  /** Writes a UTF-8 string behind a u8 length (1 to 255 bytes). */
  public ByteWriter string8(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    if (utf8.length == 0 || utf8.length > 0xFF) {
      throw new IllegalArgumentException("string must be 1 to 255 UTF-8 bytes");
    }
    return u8(utf8.length).raw(utf8);
  }

  /** Writes bytes behind a u16 length. */
  public ByteWriter bytes16(byte[] value) {
    return u16(value.length).raw(value);
  }

  /** Writes bytes behind a u32 length. */
  public ByteWriter bytes32(byte[] value) {
    return u32(value.length).raw(value);
  }

  /** The bytes written so far, in a new array. */
  public byte[] toByteArray() {
    return Arrays.copyOf(open(), count);
  }

  /**
   * The bytes written, ending this writer: its own array when the capacity hint was exact (no
   * copy), else a copy. Any later call fails.
   */
  public byte[] finish() {
    byte[] current = open();
    buffer = null;
    return count == current.length ? current : Arrays.copyOf(current, count);
  }

  private byte[] open() {
    if (buffer == null) {
      throw new IllegalStateException("this writer has finished");
    }
    return buffer;
  }
}
