package chat.server.internal.net;

import chat.protocol.Event;
import chat.protocol.Frame;
import chat.protocol.FrameCodec;
import chat.protocol.FrameTooLargeException;
import chat.protocol.MessageEvent;
import chat.protocol.MessageEventHeader;
import chat.protocol.ProtocolVersions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Encodes the relay's outgoing frames, length prefix included, on the thread that sends them.
 * Message events, the bulk of the traffic, are binary on a wire version 3 connection and otherwise
 * written directly: byte for byte what {@link FrameCodec} writes (see {@code OutboundEncoderTest}),
 * without a JSON generator. Any other event that one thread pushes to many connections in a row
 * (presence, membership) is encoded once for the run. Everything else goes through the codec, which
 * writes history and sync pages in binary on a wire version 8 connection. Shared by every
 * connection; thread-safe.
 */
public final class OutboundEncoder {
  private static final byte[] MESSAGE_START =
      ascii("{\"type\":\"event.message\",\"conversation\":\"");
  private static final byte[] SEQ = ascii("\",\"seq\":");
  private static final byte[] STORED_AT = ascii(",\"storedAtMillis\":");
  private static final byte[] ENVELOPE = ascii(",\"envelope\":\"");
  private static final byte[] MESSAGE_END = ascii("\"}");

  private final FrameCodec codec;
  private final ThreadLocal<LastEvent> last = ThreadLocal.withInitial(LastEvent::new);

  /** The event this thread encoded last, and its bytes. */
  private static final class LastEvent {
    private Event event;
    private byte[] bytes;
  }

  /** An encoder over {@code codec} and its maximum frame size. */
  public OutboundEncoder(FrameCodec codec) {
    this.codec = codec;
  }

  /**
   * The length prefix and JSON of {@code frame}. Callers must not modify the result: it may be
   * shared between connections.
   *
   * @throws IllegalArgumentException if the JSON is larger than the codec's maximum frame size
   */
  public byte[] encode(Frame frame) {
    return encode(frame, false);
  }

  /**
   * As {@link #encode(Frame)}, with a message event in binary when {@code binaryMessages} (the
   * connection speaks wire version 3).
   */
  public byte[] encode(Frame frame, boolean binaryMessages) {
    return encode(frame, binaryMessages ? ProtocolVersions.BINARY : 1);
  }

  /**
   * As {@link #encode(Frame)}, for a connection that agreed on {@code wireVersion}: a message event
   * in binary from version 3, a history or sync page in binary from version 8 (each form copied
   * once, from the page's forms into the frame, where JSON would write it as base64 text).
   */
  public byte[] encode(Frame frame, int wireVersion) {
    if (frame instanceof MessageEvent message) {
      return wireVersion >= ProtocolVersions.BINARY
          ? codec.encode(message, wireVersion)
          : message(message);
    }
    if (frame instanceof Event event) {
      LastEvent slot = last.get();
      if (slot.event != event) {
        slot.bytes = codec.encode(event);
        slot.event = event;
      }
      return slot.bytes;
    }
    return codec.encode(frame, wireVersion);
  }

  /**
   * The size of the binary {@code event.message} made of {@code header} and an envelope of {@code
   * envelopeBytes}, length prefix included: what {@link #encode(Frame, boolean)} would make of it
   * with binary messages.
   *
   * @throws IllegalArgumentException if the body is larger than the codec's maximum frame size
   */
  public int binaryMessageBytes(MessageEventHeader header, int envelopeBytes) {
    return header.binaryFrameBytes(envelopeBytes, codec.maxFrameBytes());
  }

  /** The codec's encoding of {@code event}, written directly. */
  private byte[] message(MessageEvent event) {
    byte[] conversation = ascii(event.conversation());
    byte[] seq = ascii(Long.toString(event.seq()));
    byte[] storedAt = ascii(Long.toString(event.storedAtMillis()));
    byte[] envelope = Base64.getEncoder().encode(event.envelope().toByteArray());
    int json =
        MESSAGE_START.length
            + conversation.length
            + SEQ.length
            + seq.length
            + STORED_AT.length
            + storedAt.length
            + ENVELOPE.length
            + envelope.length
            + MESSAGE_END.length;
    if (json > codec.maxFrameBytes()) {
      throw new FrameTooLargeException();
    }
    return ByteBuffer.allocate(FrameCodec.LENGTH_PREFIX_BYTES + json)
        .putInt(json)
        .put(MESSAGE_START)
        .put(conversation)
        .put(SEQ)
        .put(seq)
        .put(STORED_AT)
        .put(storedAt)
        .put(ENVELOPE)
        .put(envelope)
        .put(MESSAGE_END)
        .array();
  }

  /**
   * ASCII bytes; conversation ids and numbers are ASCII with no character JSON escapes (a
   * conversation id is {@code #[a-z0-9_-]} or {@code @} usernames joined by {@code +}).
   */
  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
