package chat.bench.load;

import chat.protocol.ErrorReply;
import chat.protocol.Frame;
import chat.protocol.FrameCodec;
import chat.protocol.FrameException;
import chat.protocol.PingRequest;
import chat.protocol.Reply;
import chat.protocol.Request;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One TLS connection to the relay speaking the wire protocol. Setup requests are encoded and
 * decoded with the protocol's own codec; during a run, message events (binary or JSON) and send
 * acknowledgements take a fast path that reads only the frame type and the message id (the first
 * bytes of the per-recipient envelope), so the generator does not become the bottleneck.
 */
// Sharable only so that a connect that failed can be tried again on a new channel (Netty never
// lets an unsharable handler be added twice); it is in one open pipeline at a time.
@ChannelHandler.Sharable
public final class RelayClient extends SimpleChannelInboundHandler<ByteBuf> implements BenchClient {
  private static final byte[] TYPE_PREFIX = "{\"type\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ENVELOPE_FIELD =
      "\"envelope\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MESSAGE_EVENT = "event.message".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SEQ_FIELD = "\"seq\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SEND_OK = "send_ok".getBytes(StandardCharsets.US_ASCII);

  /**
   * How much of each frame's start is read to classify it: the type, the sequence number and the
   * envelope's start.
   */
  private static final int HEAD_BYTES = 192;

  /** Base64 characters covering the form byte, version, suite and the 16-byte message id. */
  private static final int ID_BASE64_CHARS = 24;

  /** The kind byte of a binary {@code event.message} (PacketDiagram.md, wire version 3). */
  private static final byte BINARY_MESSAGE = 0x02;

  /** Envelope bytes up to the end of the message id: form byte, version, suite, 16-byte id. */
  private static final int BINARY_ID_END = 19;

  private final FrameCodec codec;
  private final int receiver;
  private final Deliveries deliveries;

  /** The highest sequence number of a message event this client has had; -1 before any. */
  private long highestSeq = -1;

  private final MessageIds ids;
  private final Map<String, CompletableFuture<Reply>> pending = new ConcurrentHashMap<>();
  private final AtomicLong nextId = new AtomicLong();
  private volatile Channel channel;
  private volatile boolean closing;

  /** A client not yet in a pipeline; {@link #open} puts it in one. */
  RelayClient(FrameCodec codec, int receiver, Deliveries deliveries, MessageIds ids) {
    this.codec = codec;
    this.receiver = receiver;
    this.deliveries = deliveries;
    this.ids = ids;
  }

  /**
   * Opens a connection; completes after the TLS handshake. {@code receiver} is this connection's
   * index in delivery counts.
   */
  public static CompletableFuture<RelayClient> open(
      NettyClients clients,
      int port,
      SslContext tls,
      FrameCodec codec,
      int receiver,
      Deliveries deliveries,
      MessageIds ids) {
    RelayClient client = new RelayClient(codec, receiver, deliveries, ids);
    SslHandler[] ssl = new SslHandler[1];
    return clients
        .connect(
            port,
            channel -> {
              ssl[0] = tls.newHandler(channel.alloc(), "127.0.0.1", port);
              channel
                  .pipeline()
                  .addLast(ssl[0])
                  .addLast(new LengthFieldBasedFrameDecoder(codec.maxFrameBytes() + 4, 0, 4, 0, 4))
                  .addLast(client);
            })
        .thenCompose(
            channel -> {
              client.channel = channel;
              CompletableFuture<RelayClient> ready = new CompletableFuture<>();
              ssl[0]
                  .handshakeFuture()
                  .addListener(
                      done -> {
                        if (done.isSuccess()) {
                          ready.complete(client);
                        } else {
                          ready.completeExceptionally(done.cause());
                        }
                      });
              return ready;
            });
  }

  /** A fresh request id. */
  public String nextId() {
    return "s" + nextId.incrementAndGet();
  }

  /** Sends {@code request}; completes with its reply (an {@link ErrorReply} on refusal). */
  public CompletableFuture<Reply> call(Request request) {
    CompletableFuture<Reply> reply = new CompletableFuture<>();
    Channel current = channel;
    if (current == null || !current.isActive()) {
      reply.completeExceptionally(new IllegalStateException("connection closed"));
      return reply;
    }
    pending.put(request.id(), reply);
    // Forgotten however it ends, a timeout included, so that pending stays empty on a connection
    // that only writes (the fan-out's senders), where send_ok then takes the fast path alone.
    reply.whenComplete((answer, failure) -> pending.remove(request.id(), reply));
    current.writeAndFlush(Unpooled.wrappedBuffer(codec.encode(request)));
    return reply;
  }

  /** Sends {@code request} and expects a reply of {@code type}; anything else fails. */
  public <T extends Reply> CompletableFuture<T> expect(Request request, Class<T> type) {
    return call(request)
        .thenApply(
            reply -> {
              if (!type.isInstance(reply)) {
                throw new IllegalStateException(
                    request.getClass().getSimpleName() + " refused: " + reply);
              }
              return type.cast(reply);
            });
  }

  @Override
  public void write(byte[] encoded) {
    channel.writeAndFlush(Unpooled.wrappedBuffer(encoded));
  }

  @Override
  public CompletableFuture<Long> ping() {
    long start = System.nanoTime();
    return call(new PingRequest(nextId())).thenApply(reply -> System.nanoTime() - start);
  }

  @Override
  public boolean isActive() {
    Channel current = channel;
    return current != null && current.isActive();
  }

  @Override
  public void close() {
    closing = true;
    Channel current = channel;
    if (current != null) {
      current.close();
    }
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
    if (frame.readableBytes() >= 2
        && frame.getByte(frame.readerIndex()) == FrameCodec.BINARY_MARKER
        && frame.getByte(frame.readerIndex() + 1) != BINARY_MESSAGE) {
      reply(frame); // a binary history or sync page (wire version 8)
      return;
    }
    if (frame.isReadable() && frame.getByte(frame.readerIndex()) == FrameCodec.BINARY_MARKER) {
      binaryMessage(frame);
      return;
    }
    int length = Math.min(HEAD_BYTES, frame.readableBytes());
    byte[] head = new byte[length];
    frame.getBytes(frame.readerIndex(), head);
    if (typeIs(head, length, MESSAGE_EVENT)) {
      long now = System.nanoTime();
      long seq = seq(head, length);
      if (seq < 0) {
        deliveries.error("event.message without a seq the generator can read");
      } else {
        seen(seq);
      }
      int k = messageIndex(frame, head, length);
      if (k < 0) {
        deliveries.unknown();
      } else {
        deliveries.delivered(receiver, k, now);
      }
    } else if (typeIs(head, length, SEND_OK)) {
      deliveries.acknowledged();
      if (!pending.isEmpty()) {
        reply(frame); // a send made through call(), not write()
      }
    } else if (type(head, length).startsWith("event.")) {
      deliveries.otherEvent();
    } else {
      reply(frame);
    }
  }

  private void reply(ByteBuf frame) {
    Frame decoded;
    try {
      decoded = codec.decode(ByteBufUtil.getBytes(frame), true);
    } catch (FrameException e) {
      deliveries.error("undecodable reply: " + e.code());
      return;
    }
    if (decoded instanceof Reply reply) {
      CompletableFuture<Reply> waiting = reply.re() == null ? null : pending.remove(reply.re());
      if (waiting != null) {
        waiting.complete(reply);
      } else if (reply instanceof ErrorReply error) {
        deliveries.error(error.code() + " " + error.message());
      }
    }
  }

  /** The frame's type, read from the first bytes of its JSON ({@code {"type":"...}). */
  private static String type(byte[] head, int length) {
    int start = TYPE_PREFIX.length;
    for (int end = start; end < length; end++) {
      if (head[end] == '"') {
        return new String(head, start, end - start, StandardCharsets.US_ASCII);
      }
    }
    return "";
  }

  private static boolean typeIs(byte[] head, int length, byte[] expected) {
    int start = TYPE_PREFIX.length;
    if (length < start + expected.length + 1 || head[start + expected.length] != '"') {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      if (head[start + i] != expected[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The prepared message an {@code event.message} frame carries: the message id sits in the first
   * 24 base64 characters of the envelope, the frame's last field, within its first bytes.
   */
  private int messageIndex(ByteBuf frame, byte[] head, int length) {
    int field = indexOf(head, length, ENVELOPE_FIELD);
    if (field < 0) {
      return -1;
    }
    int start = frame.readerIndex() + field + ENVELOPE_FIELD.length;
    if (frame.writerIndex() - start < ID_BASE64_CHARS) {
      return -1;
    }
    byte[] text = new byte[ID_BASE64_CHARS];
    frame.getBytes(start, text);
    return ids.find(Base64.getDecoder().decode(text), 3);
  }

  /**
   * A binary {@code event.message} (wire version 3, the only binary frame a relay sends): marker,
   * kind, conversation, seq, store time, then the envelope, whose first 19 bytes hold the message
   * id at offset 3.
   */
  private void binaryMessage(ByteBuf frame) {
    long now = System.nanoTime();
    int at = frame.readerIndex() + 2;
    if (frame.writerIndex() <= at || frame.getByte(frame.readerIndex() + 1) != BINARY_MESSAGE) {
      deliveries.unknown();
      return;
    }
    int seqAt = at + 1 + frame.getUnsignedByte(at);
    int envelope = seqAt + 2 * Long.BYTES;
    if (frame.writerIndex() - envelope < BINARY_ID_END) {
      deliveries.unknown();
      return;
    }
    seen(frame.getLong(seqAt));
    byte[] head = new byte[BINARY_ID_END];
    frame.getBytes(envelope, head);
    int k = ids.find(head, 3);
    if (k < 0) {
      deliveries.unknown();
    } else {
      deliveries.delivered(receiver, k, now);
    }
  }

  /** Counts a delivery numbered below one this client has already had. */
  private void seen(long seq) {
    // Every member of a fan-out run is in one conversation, so one counter per client will do.
    if (seq < highestSeq) {
      deliveries.reordered();
    } else {
      highestSeq = seq;
    }
  }

  /**
   * The {@code seq} of a JSON {@code event.message} from its first bytes (it comes before the
   * envelope, after the conversation); -1 if it is not among them.
   */
  static long seq(byte[] head, int length) {
    int at = indexOf(head, length, SEQ_FIELD);
    if (at < 0) {
      return -1;
    }
    int start = at + SEQ_FIELD.length;
    int i = start;
    long seq = 0;
    while (i < length && head[i] >= '0' && head[i] <= '9') {
      if (i - start == 18) {
        return -1; // longer than a seq can be
      }
      seq = seq * 10 + (head[i] - '0');
      i++;
    }
    return i == start || i == length ? -1 : seq; // no digits, or cut off by the head's end
  }

  private static int indexOf(byte[] haystack, int length, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (!closing) {
      deliveries.disconnected();
    }
    IllegalStateException closed = new IllegalStateException("connection closed");
    pending.values().forEach(waiting -> waiting.completeExceptionally(closed));
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    deliveries.error("connection error: " + cause.getClass().getSimpleName());
    ctx.close();
  }
}
