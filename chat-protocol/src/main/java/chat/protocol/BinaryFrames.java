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
 * <p>The pages of wire version 8 ({@code history_ok}, {@code sync_ok}) are {@link BinaryPages}.
 *
 * <p>Integers are big-endian, 64-bit two's complement as the JSON numbers are; the envelope is the
 * rest of the body ({@link FrameCodec} bounds a {@code send}'s, in either encoding). Ids and
 * conversation ids are ASCII and follow the same rules as in JSON (the records check them), so a
 * body decodes to exactly the record its JSON form would.
 */
final class BinaryFrames {
  /** The marker and the kind byte. */
  static final int HEADER_BYTES = 2;

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
      throw new BinaryReader(body, 0).bad("binary frame too short");
    }
    BinaryReader in = new BinaryReader(body, HEADER_BYTES);
    switch (body[1]) {
      case FrameCodec.BINARY_SEND -> {
        String id = in.string("id");
        in.requestId(id);
        String conversation = in.string("conversation");
        Bytes envelope = in.rest();
        try {
          return new SendRequest(id, conversation, envelope);
        } catch (IllegalArgumentException e) {
          throw in.bad(e.getMessage());
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
          throw in.bad(e.getMessage());
        }
      }
      case FrameCodec.BINARY_HISTORY -> {
        return BinaryPages.history(in);
      }
      case FrameCodec.BINARY_SYNC -> {
        return BinaryPages.sync(in);
      }
      default -> throw in.bad("unknown binary frame kind " + (body[1] & 0xff));
    }
  }

  /** The length prefix and the start of a binary body of {@code kind} in a buffer of its size. */
  static ByteBuffer start(int body, int maxFrameBytes, byte kind) {
    if (body > maxFrameBytes) {
      throw new FrameTooLargeException();
    }
    return ByteBuffer.allocate(FrameCodec.LENGTH_PREFIX_BYTES + body)
        .putInt(body)
        .put(FrameCodec.BINARY_MARKER)
        .put(kind);
  }

  /** The ASCII bytes of {@code text} (ids and conversation ids, which the records keep ASCII). */
  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
