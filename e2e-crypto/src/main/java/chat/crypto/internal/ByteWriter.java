package chat.crypto.internal;

import chat.crypto.Bytes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Big-endian writer for the canonical binary encodings in PacketDiagram.md. */
public final class ByteWriter {
  private final ByteArrayOutputStream out;

  /** A writer with an initial capacity hint. */
  public ByteWriter(int capacityHint) {
    out = new ByteArrayOutputStream(capacityHint);
  }

  /** Writes one unsigned byte. */
  public ByteWriter u8(int value) {
    if (value < 0 || value > 0xFF) {
      throw new IllegalArgumentException("u8 out of range");
    }
    out.write(value);
    return this;
  }

  /** Writes an unsigned 16-bit big-endian integer. */
  public ByteWriter u16(int value) {
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException("u16 out of range");
    }
    out.write(value >>> 8);
    out.write(value);
    return this;
  }

  /** Writes an unsigned 32-bit big-endian integer (given as a non-negative int). */
  public ByteWriter u32(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("u32 out of range");
    }
    out.write(value >>> 24);
    out.write(value >>> 16);
    out.write(value >>> 8);
    out.write(value);
    return this;
  }

  /** Writes a signed 64-bit big-endian integer. */
  public ByteWriter u64(long value) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.write((int) (value >>> shift));
    }
    return this;
  }

  /** Writes raw bytes with no length prefix. */
  public ByteWriter raw(byte[] bytes) {
    out.write(bytes, 0, bytes.length);
    return this;
  }

  /** Writes raw bytes with no length prefix. */
  public ByteWriter raw(Bytes bytes) {
    return raw(bytes.toByteArray());
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

  /** The bytes written so far. */
  public byte[] toByteArray() {
    return out.toByteArray();
  }
}
