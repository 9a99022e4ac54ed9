package chat.protocol;

import chat.crypto.Bytes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The binary bodies of wire version 3 (PacketDiagram.md, "Wire protocol version 3"): the two frames
 * that carry envelopes, without base64 or JSON around them.
 *
 * <pre>
 * send          = 0x00 0x01 || u8 len || id[len] || u8 len || conversation[len] || envelope
 * event.message = 0x00 0x02 || u8 len || conversation[len] || u64 seq || u64 storedAtMillis
 *                 || envelope
 * </pre>
 *
 * <p>Integers are big-endian, 64-bit two's complement as the JSON numbers are; the envelope is the
 * rest of the body ({@link FrameCodec} bounds a {@code send}'s, in either encoding). Ids and
 * conversation ids are ASCII and follow the same rules as in JSON (the records check them), so a
 * body decodes to exactly the record its JSON form would.
 */
final class BinaryFrames {
  private static final int HEADER_BYTES = 2;

  private BinaryFrames() {}

  /** The length prefix and binary body of {@code send}. */
  static byte[] send(SendRequest send, int maxFrameBytes) {
    byte[] id = ascii(send.id());
    byte[] conversation = ascii(send.conversation());
    int body = HEADER_BYTES + 1 + id.length + 1 + conversation.length + send.envelope().length();
    ByteBuffer out = start(body, maxFrameBytes, FrameCodec.BINARY_SEND);
    out.put((byte) id.length).put(id);
    out.put((byte) conversation.length).put(conversation);
    return finish(out, send.envelope());
  }

  /** The length prefix and binary body of {@code event}. */
  static byte[] message(MessageEvent event, int maxFrameBytes) {
    return MessageEventHeader.of(event).binaryFrame(event.envelope(), maxFrameBytes);
  }

  private static ByteBuffer start(int body, int maxFrameBytes, byte kind) {
    if (body > maxFrameBytes) {
      throw new FrameTooLargeException();
    }
    return ByteBuffer.allocate(FrameCodec.LENGTH_PREFIX_BYTES + body)
        .putInt(body)
        .put(FrameCodec.BINARY_MARKER)
        .put(kind);
  }

  private static byte[] finish(ByteBuffer out, Bytes envelope) {
    byte[] array = out.array();
    envelope.copyTo(array, out.position());
    return array;
  }

  /**
   * The frame in {@code body}, which starts with {@link FrameCodec#BINARY_MARKER}.
   *
   * @throws FrameException with {@link ErrorCode#BAD_FRAME}, and the request id once it has been
   *     read, for an unknown kind, a body that ends early, or a field that breaks its rule
   */
  static Frame decode(byte[] body) throws FrameException {
    if (body.length < HEADER_BYTES) {
      throw bad(null, "binary frame too short");
    }
    Reader in = new Reader(body, HEADER_BYTES);
    switch (body[1]) {
      case FrameCodec.BINARY_SEND -> {
        String id = in.string("id");
        in.requestId = RequestIds.isValid(id) ? id : null;
        String conversation = in.string("conversation");
        Bytes envelope = in.rest();
        try {
          return new SendRequest(id, conversation, envelope);
        } catch (IllegalArgumentException e) {
          throw bad(in.requestId, e.getMessage());
        }
      }
      case FrameCodec.BINARY_MESSAGE -> {
        String conversation = in.string("conversation");
        long seq = in.u64("seq");
        long storedAtMillis = in.u64("storedAtMillis");
        Bytes envelope = in.rest();
        try {
          return new MessageEvent(conversation, seq, storedAtMillis, envelope);
        } catch (IllegalArgumentException e) {
          throw bad(null, e.getMessage());
        }
      }
      default -> throw bad(null, "unknown binary frame kind " + (body[1] & 0xff));
    }
  }

  private static FrameException bad(String requestId, String message) {
    return new FrameException(ErrorCode.BAD_FRAME, requestId, message);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** Reads fields in order, failing with BAD_FRAME when the body ends before one. */
  private static final class Reader {
    private final byte[] body;
    private int at;

    /** The request id once read and valid, for the errors that follow it. */
    private String requestId;

    Reader(byte[] body, int at) {
      this.body = body;
      this.at = at;
    }

    /**
     * A u8-length string, read byte for byte (ISO 8859-1), so a byte outside ASCII becomes a
     * character the record's rule refuses instead of being replaced.
     */
    String string(String what) throws FrameException {
      if (at >= body.length) {
        throw bad(requestId, "binary frame ends before " + what);
      }
      int length = body[at++] & 0xff;
      if (length > body.length - at) {
        throw bad(requestId, "binary frame ends inside " + what);
      }
      String text = new String(body, at, length, StandardCharsets.ISO_8859_1);
      at += length;
      return text;
    }

    long u64(String what) throws FrameException {
      if (body.length - at < Long.BYTES) {
        throw bad(requestId, "binary frame ends inside " + what);
      }
      long value = ByteBuffer.wrap(body, at, Long.BYTES).getLong();
      at += Long.BYTES;
      return value;
    }

    Bytes rest() {
      return Bytes.of(body, at, body.length);
    }
  }
}
