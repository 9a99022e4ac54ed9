package chat.protocol;

import chat.crypto.Bytes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What every recipient's {@code event.message} for one stored message shares: the conversation, the
 * sequence number and the store time, checked once, and the start of the binary body (wire version
 * 3) encoded once. The relay fans a message out to a room's members with one of these and each
 * member's own envelope, instead of checking and encoding the same fields for every member.
 * Immutable; thread-safe.
 */
public final class MessageEventHeader {
  private final String conversation;
  private final long seq;
  private final long storedAtMillis;

  /** The body of a binary {@code event.message} up to its envelope (BinaryFrames' layout). */
  private final byte[] binaryStart;

  /**
   * The shared fields, checked as {@link MessageEvent} checks them.
   *
   * @throws IllegalArgumentException if one breaks its rule
   */
  public MessageEventHeader(String conversation, long seq, long storedAtMillis) {
    this.conversation = ConversationIds.require(conversation);
    if (seq < 1) {
      throw new IllegalArgumentException("seq must be >= 1");
    }
    this.seq = seq;
    this.storedAtMillis = storedAtMillis;
    byte[] id = conversation.getBytes(StandardCharsets.US_ASCII);
    this.binaryStart =
        ByteBuffer.allocate(2 + 1 + id.length + 2 * Long.BYTES)
            .put(FrameCodec.BINARY_MARKER)
            .put(FrameCodec.BINARY_MESSAGE)
            .put((byte) id.length)
            .put(id)
            .putLong(seq)
            .putLong(storedAtMillis)
            .array();
  }

  /** The header of {@code event}. */
  static MessageEventHeader of(MessageEvent event) {
    return new MessageEventHeader(event.conversation(), event.seq(), event.storedAtMillis());
  }

  /** The event that carries {@code envelope}. */
  public MessageEvent event(Bytes envelope) {
    return new MessageEvent(conversation, seq, storedAtMillis, envelope);
  }

  /**
   * The length prefix and binary body of the event that carries {@code envelope}: the same bytes as
   * {@link FrameCodec#encode(Frame, boolean)} gives for {@link #event} with binary messages.
   *
   * @throws IllegalArgumentException if the body is larger than {@code maxFrameBytes}
   */
  public byte[] binaryFrame(Bytes envelope, int maxFrameBytes) {
    ByteBuffer frame = ByteBuffer.allocate(binaryFrameBytes(envelope.length(), maxFrameBytes));
    writeBinaryFrameStart(envelope.length(), frame);
    envelope.copyTo(frame);
    return frame.array();
  }

  /**
   * The size of the frame that carries an envelope of {@code envelopeBytes}, length prefix
   * included.
   *
   * @throws IllegalArgumentException if the body is larger than {@code maxFrameBytes}
   */
  public int binaryFrameBytes(int envelopeBytes, int maxFrameBytes) {
    int body = binaryStart.length + envelopeBytes;
    if (envelopeBytes < 0 || body > maxFrameBytes) {
      throw new FrameTooLargeException();
    }
    return FrameCodec.LENGTH_PREFIX_BYTES + body;
  }

  /**
   * Writes the frame that carries an envelope of {@code envelopeBytes} up to that envelope (length
   * prefix and the body's start) into {@code out} at its position, which moves past them; the
   * caller writes the envelope right after. For a caller that writes frames straight into its own
   * buffer.
   *
   * @throws java.nio.BufferOverflowException if {@code out} has no room for them
   */
  public void writeBinaryFrameStart(int envelopeBytes, ByteBuffer out) {
    out.putInt(binaryStart.length + envelopeBytes).put(binaryStart);
  }
}
