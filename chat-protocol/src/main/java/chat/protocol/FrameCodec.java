package chat.protocol;

import chat.protocol.internal.BytesJsonModule;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Turns frames into wire bytes and back: a 4-byte big-endian length, then that many bytes of UTF-8
 * JSON (PacketDiagram.md, "Framing"). The length covers the body only and may not exceed {@link
 * #maxFrameBytes()}. From wire version 3 a {@code send} and an {@code event.message} may instead
 * have a binary body (PacketDiagram.md, "Wire protocol version 3"), and from wire version 8 a
 * {@code history_ok} and a {@code sync_ok} ("Wire protocol version 8"): a JSON body never starts
 * with the byte {@link #BINARY_MARKER}, a binary one always does.
 *
 * <p>Decoding is strict: unknown types or fields, duplicate keys, trailing data, wrong JSON types
 * and values that break a record's rules all fail with {@link ErrorCode#BAD_FRAME}. A frame is read
 * in one pass straight into its record; only one that fails is read again as a tree, to find its
 * request id for the error. Thread-safe.
 */
public final class FrameCodec {
  /** Size of the length prefix. */
  public static final int LENGTH_PREFIX_BYTES = 4;

  /** Default maximum JSON size of one frame: 4 MiB. */
  public static final int DEFAULT_MAX_FRAME_BYTES = 4 << 20;

  /** The first byte of every binary body. */
  public static final byte BINARY_MARKER = 0x00;

  /** The second byte of a binary {@code send}. */
  static final byte BINARY_SEND = 0x01;

  /** The second byte of a binary {@code event.message}. */
  static final byte BINARY_MESSAGE = 0x02;

  /** The second byte of a binary {@code history_ok} (wire version 8). */
  static final byte BINARY_HISTORY = 0x03;

  /** The second byte of a binary {@code sync_ok} (wire version 8). */
  static final byte BINARY_SYNC = 0x04;

  /**
   * Room a JSON {@code send}, {@code event.message} or one-message {@code history} page needs
   * besides the envelope's base64: field names, ids, numbers.
   */
  private static final int JSON_OVERHEAD_BYTES = 512;

  private final ObjectMapper mapper;
  private final ObjectWriter frameWriter;
  private final ObjectReader frameReader;
  private final int maxFrameBytes;

  /** A codec accepting frames of at most {@code maxFrameBytes} bytes of JSON. */
  public FrameCodec(int maxFrameBytes) {
    if (maxFrameBytes < 1024) {
      throw new IllegalArgumentException("maxFrameBytes must be at least 1024");
    }
    this.maxFrameBytes = maxFrameBytes;
    // No buffer recycling: a recycled buffer keeps the tail of an earlier frame (a password, a
    // session token) reachable until a longer frame overwrites it, so a heap dump would show it.
    JsonFactory factory =
        JsonFactory.builder().recyclerPool(JsonRecyclerPools.nonRecyclingPool()).build();
    JsonMapper.Builder builder =
        StrictJson.reading(JsonMapper.builder(factory))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS) // not an enum's position
            .defaultPropertyInclusion(
                JsonInclude.Value.construct(
                    JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .addModule(new BytesJsonModule());
    this.mapper = builder.build();
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(16)
                .maxStringLength(maxFrameBytes)
                .maxNumberLength(32)
                .build());
    this.frameWriter = mapper.writerFor(Frame.class);
    this.frameReader = mapper.readerFor(Frame.class);
  }

  /** The largest JSON body this codec accepts or produces. */
  public int maxFrameBytes() {
    return maxFrameBytes;
  }

  /**
   * The largest envelope a {@code send} may carry, in either encoding: one whose base64 fits a JSON
   * frame with room to spare, so that every recipient's form can be delivered and fetched as JSON.
   */
  public int maxSendEnvelopeBytes() {
    return (maxFrameBytes - JSON_OVERHEAD_BYTES) / 4 * 3;
  }

  /** Throws what {@link #encode} throws for a frame too large, for a send over the limit. */
  private void requireWithinSendLimit(Frame frame) {
    if (frame instanceof SendRequest send && send.envelope().length() > maxSendEnvelopeBytes()) {
      throw new FrameTooLargeException();
    }
  }

  /**
   * The JSON body of {@code frame}.
   *
   * @throws IllegalArgumentException if it is larger than {@link #maxFrameBytes()}
   */
  public byte[] toJson(Frame frame) {
    requireWithinSendLimit(frame);
    byte[] json;
    try {
      json = frameWriter.writeValueAsBytes(frame);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("frame cannot be encoded", e);
    }
    if (json.length > maxFrameBytes) {
      throw new FrameTooLargeException();
    }
    return json;
  }

  /** The length prefix followed by the JSON body of {@code frame}. */
  public byte[] encode(Frame frame) {
    byte[] json = toJson(frame);
    return ByteBuffer.allocate(LENGTH_PREFIX_BYTES + json.length)
        .putInt(json.length)
        .put(json)
        .array();
  }

  /**
   * The length prefix and body of {@code frame}: binary for a {@link SendRequest} or {@link
   * MessageEvent} when {@code binaryMessages} (the connection speaks wire version 3), else JSON.
   *
   * @throws IllegalArgumentException if the body is larger than {@link #maxFrameBytes()}
   */
  public byte[] encode(Frame frame, boolean binaryMessages) {
    return encode(frame, binaryMessages ? ProtocolVersions.BINARY : 1);
  }

  /**
   * The length prefix and body of {@code frame} for a connection that agreed on {@code
   * wireVersion}: binary for a {@link SendRequest} or {@link MessageEvent} from version 3 and for a
   * {@link HistoryReply} or {@link SyncReply} from version 8, else JSON.
   *
   * @throws IllegalArgumentException if the body is larger than {@link #maxFrameBytes()}
   */
  public byte[] encode(Frame frame, int wireVersion) {
    if (wireVersion >= ProtocolVersions.BINARY) {
      if (frame instanceof SendRequest send) {
        requireWithinSendLimit(send);
        return BinaryFrames.send(send, maxFrameBytes);
      }
      if (frame instanceof MessageEvent event) {
        return BinaryFrames.message(event, maxFrameBytes);
      }
    }
    if (wireVersion >= ProtocolVersions.BINARY_PAGES) {
      if (frame instanceof HistoryReply history) {
        return BinaryPages.history(history, maxFrameBytes);
      }
      if (frame instanceof SyncReply sync) {
        return BinaryPages.sync(sync, maxFrameBytes);
      }
    }
    return encode(frame);
  }

  /**
   * Parses one body, JSON or, if {@code binaryAllowed}, binary.
   *
   * @throws FrameException with {@link ErrorCode#BAD_FRAME} (and the request id when readable) if
   *     it is not a valid frame, a binary one included when binary bodies are not allowed, or
   *     {@link ErrorCode#FRAME_TOO_LARGE} if it is over the limit
   */
  public Frame decode(byte[] body, boolean binaryAllowed) throws FrameException {
    if (body.length > maxFrameBytes) {
      throw new FrameException(ErrorCode.FRAME_TOO_LARGE, null, "frame too large");
    }
    if (body.length > 0 && body[0] == BINARY_MARKER) {
      if (!binaryAllowed) {
        throw new FrameException(
            ErrorCode.BAD_FRAME,
            null,
            "binary frames need wire version " + ProtocolVersions.BINARY);
      }
      return withinSendLimit(BinaryFrames.decode(body));
    }
    return fromJson(body);
  }

  /**
   * Parses one JSON body.
   *
   * @throws FrameException with {@link ErrorCode#BAD_FRAME} (and the request id when readable) if
   *     it is not a valid frame, or {@link ErrorCode#FRAME_TOO_LARGE} if it is over the limit
   */
  public Frame fromJson(byte[] json) throws FrameException {
    if (json.length > maxFrameBytes) {
      throw new FrameException(ErrorCode.FRAME_TOO_LARGE, null, "frame too large");
    }
    if (!Utf8.isWellFormed(json)) {
      // Jackson takes overlong forms and code points past U+10FFFF: refused before it reads them.
      throw new FrameException(ErrorCode.BAD_FRAME, null, "not valid UTF-8");
    }
    if (json.length >= 3
        && json[0] == (byte) 0xEF
        && json[1] == (byte) 0xBB
        && json[2] == (byte) 0xBF) {
      // Jackson skips one (RFC 8259 allows a parser to): a second encoding of the same frame.
      throw new FrameException(ErrorCode.BAD_FRAME, null, "a byte order mark before the object");
    }
    for (byte b : json) {
      if (b == 0) {
        // Never in UTF-8 JSON (a NUL in a string is written \u0000); Jackson would take the zero
        // bytes as UTF-16 or UTF-32, another encoding of the same frame.
        throw new FrameException(ErrorCode.BAD_FRAME, null, "not valid JSON");
      }
    }
    try {
      Frame frame = BytesJsonModule.readFromRaw(frameReader, json);
      if (frame != null) { // a bare JSON null reads as null: refused below
        return withinSendLimit(frame);
      }
    } catch (IOException | RuntimeException e) {
      // Not a valid frame: the tree pass below gives the same verdict, with the request id.
    }
    JsonNode tree;
    try {
      tree = mapper.readTree(json);
    } catch (IOException | RuntimeException e) {
      throw new FrameException(ErrorCode.BAD_FRAME, null, "not valid JSON");
    }
    if (tree == null || !tree.isObject()) {
      throw new FrameException(ErrorCode.BAD_FRAME, null, "a frame is a JSON object");
    }
    JsonNode id = tree.get("id");
    String requestId = id != null && RequestIds.isValid(id.textValue()) ? id.textValue() : null;
    Frame frame;
    try {
      frame = mapper.treeToValue(tree, Frame.class);
    } catch (IOException | RuntimeException e) {
      throw new FrameException(ErrorCode.BAD_FRAME, requestId, describe(e));
    }
    return withinSendLimit(frame);
  }

  /** {@code frame}, unless it is a send whose envelope is over {@link #maxSendEnvelopeBytes()}. */
  private Frame withinSendLimit(Frame frame) throws FrameException {
    if (frame instanceof SendRequest send && send.envelope().length() > maxSendEnvelopeBytes()) {
      throw new FrameException(
          ErrorCode.BAD_FRAME, send.id(), "envelope larger than a send may carry");
    }
    return frame;
  }

  /**
   * What was wrong, when one of this project's records said so (their messages name the rule, not
   * the value); otherwise the code's default text. A message from a library (Jackson, the JDK) may
   * quote the input or name classes, so it is not passed on: these messages reach the client.
   */
  static String describe(Exception e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof IllegalArgumentException
        && cause.getMessage() != null
        && thrownHere(cause)) {
      return cause.getMessage();
    }
    return ErrorCode.BAD_FRAME.defaultMessage();
  }

  private static boolean thrownHere(Throwable cause) {
    StackTraceElement[] trace = cause.getStackTrace();
    return trace.length > 0 && trace[0].getClassName().startsWith("chat.");
  }

  /** Writes one frame (prefix and body) to {@code out} without flushing. */
  public void write(OutputStream out, Frame frame) throws IOException {
    out.write(encode(frame));
  }

  /**
   * Reads one frame from {@code in}, blocking; a binary body is accepted (a client reads with this,
   * and offers wire versions 3 and 8 to every relay).
   *
   * @throws EOFException if the stream ends, cleanly or mid-frame
   * @throws FrameException if the frame is oversized or invalid (after an oversize length the
   *     stream cannot be used any more)
   */
  public Frame read(InputStream in) throws IOException, FrameException {
    DataInputStream data = new DataInputStream(in);
    int length = data.readInt();
    if (length < 0 || length > maxFrameBytes) {
      throw new FrameException(ErrorCode.FRAME_TOO_LARGE, null, "frame too large");
    }
    byte[] body = new byte[length];
    data.readFully(body);
    return decode(body, true);
  }
}
