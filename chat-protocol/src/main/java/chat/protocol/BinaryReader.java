package chat.protocol;

import chat.crypto.Bytes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads the fields of a binary body in order (PacketDiagram.md, "Wire protocol version 3" and "Wire
 * protocol version 8"), failing with {@link ErrorCode#BAD_FRAME} when the body ends before a field
 * or a length points past its end. Not thread-safe.
 */
final class BinaryReader {
  private final byte[] body;
  private int at;

  /** The request id once read and valid, for the errors that follow it. */
  private String requestId;

  /** A reader of {@code body} from index {@code at}. */
  BinaryReader(byte[] body, int at) {
    this.body = body;
    this.at = at;
  }

  /** Records the request id read, if valid, for the errors that follow. */
  void requestId(String id) {
    requestId = RequestIds.isValid(id) ? id : null;
  }

  /** The request id read and recorded, or null. */
  String requestId() {
    return requestId;
  }

  /**
   * A u8-length string, read byte for byte (ISO 8859-1), so a byte outside ASCII becomes a
   * character the record's rule refuses instead of being replaced.
   */
  String string(String what) throws FrameException {
    if (at >= body.length) {
      throw bad("binary frame ends before " + what);
    }
    int length = body[at++] & 0xff;
    if (length > body.length - at) {
      throw bad("binary frame ends inside " + what);
    }
    String text = new String(body, at, length, StandardCharsets.ISO_8859_1);
    at += length;
    return text;
  }

  /** A big-endian 64-bit two's complement integer. */
  long u64(String what) throws FrameException {
    if (body.length - at < Long.BYTES) {
      throw bad("binary frame ends inside " + what);
    }
    long value = ByteBuffer.wrap(body, at, Long.BYTES).getLong();
    at += Long.BYTES;
    return value;
  }

  /** A big-endian unsigned 32-bit integer. */
  long u32(String what) throws FrameException {
    if (body.length - at < Integer.BYTES) {
      throw bad("binary frame ends inside " + what);
    }
    long value = Integer.toUnsignedLong(ByteBuffer.wrap(body, at, Integer.BYTES).getInt());
    at += Integer.BYTES;
    return value;
  }

  /** A boolean byte: 0x00 false, 0x01 true, anything else refused. */
  boolean flag(String what) throws FrameException {
    if (at >= body.length) {
      throw bad("binary frame ends before " + what);
    }
    byte value = body[at++];
    if (value != 0 && value != 1) {
      throw bad(what + " must be 0 or 1");
    }
    return value == 1;
  }

  /** {@code length} bytes, refused if the body has fewer left. */
  Bytes bytes(long length, String what) throws FrameException {
    if (length > remaining()) {
      throw bad("binary frame ends inside " + what);
    }
    Bytes value = Bytes.of(body, at, at + (int) length);
    at += (int) length;
    return value;
  }

  /** How many bytes are left. */
  int remaining() {
    return body.length - at;
  }

  /** Every byte left. */
  Bytes rest() {
    Bytes value = Bytes.of(body, at, body.length);
    at = body.length;
    return value;
  }

  /** Refuses a body with bytes after its last field. */
  void requireEnd() throws FrameException {
    if (at != body.length) {
      throw bad("binary frame has bytes after its last field");
    }
  }

  /** BAD_FRAME with {@code message} and the request id, if one was read. */
  FrameException bad(String message) {
    return new FrameException(ErrorCode.BAD_FRAME, requestId, message);
  }
}
