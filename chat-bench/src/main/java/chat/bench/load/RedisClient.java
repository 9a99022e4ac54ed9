package chat.bench.load;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.ssl.SslContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A minimal Redis client over plain TCP or TLS: commands with replies in order, and pub/sub {@code
 * message} pushes read with a fast path that only parses the message index at the start of the
 * payload. A publisher's {@code PUBLISH} replies count as acknowledgements.
 */
// Sharable only so that a connect that failed can be tried again on a new channel (Netty never
// lets an unsharable handler be added twice); it is in one open pipeline at a time.
@ChannelHandler.Sharable
public final class RedisClient extends SimpleChannelInboundHandler<Object> implements BenchClient {
  private final int receiver;
  private final Deliveries deliveries;
  private final Queue<CompletableFuture<Object>> pending = new ConcurrentLinkedQueue<>();
  private volatile Channel channel;
  private volatile boolean closing;

  private RedisClient(int receiver, Deliveries deliveries) {
    this.receiver = receiver;
    this.deliveries = deliveries;
  }

  /**
   * Connects, over TLS when {@code tls} is not null (commands written before the handshake ends
   * wait for it); {@code receiver} is this connection's index in delivery counts.
   */
  public static CompletableFuture<RedisClient> open(
      NettyClients clients, int port, SslContext tls, int receiver, Deliveries deliveries) {
    RedisClient client = new RedisClient(receiver, deliveries);
    return clients
        .connect(
            port,
            channel -> {
              if (tls != null) {
                channel.pipeline().addLast(tls.newHandler(channel.alloc(), "127.0.0.1", port));
              }
              channel.pipeline().addLast(new RespDecoder()).addLast(client);
            })
        .thenApply(
            channel -> {
              client.channel = channel;
              return client;
            });
  }

  /** Sends a command; completes with its reply. */
  public synchronized CompletableFuture<Object> command(String... arguments) {
    CompletableFuture<Object> reply = new CompletableFuture<>();
    pending.add(reply);
    channel.writeAndFlush(Unpooled.wrappedBuffer(RespDecoder.command(arguments)));
    return reply;
  }

  @Override
  public void write(byte[] encoded) {
    channel.writeAndFlush(Unpooled.wrappedBuffer(encoded));
  }

  @Override
  public CompletableFuture<Long> ping() {
    long start = System.nanoTime();
    return command("PING").thenApply(reply -> System.nanoTime() - start);
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
  protected void channelRead0(ChannelHandlerContext ctx, Object value) {
    if (value instanceof List<?> items
        && items.size() == 3
        && items.get(0) instanceof byte[] kind
        && "message".equals(new String(kind, StandardCharsets.US_ASCII))) {
      long now = System.nanoTime();
      byte[] payload = (byte[]) items.get(2);
      int k = TextPayload.index(payload, 0, payload.length);
      if (k < 0) {
        deliveries.unknown();
      } else {
        deliveries.delivered(receiver, k, now);
      }
      return;
    }
    CompletableFuture<Object> waiting = pending.poll();
    if (waiting != null) {
      waiting.complete(value);
    } else if (value instanceof Long) {
      deliveries.acknowledged();
    } else if (value instanceof RespDecoder.RespError error) {
      deliveries.error("redis: " + error.message());
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (!closing) {
      deliveries.disconnected();
    }
    IllegalStateException closed = new IllegalStateException("connection closed");
    pending.forEach(waiting -> waiting.completeExceptionally(closed));
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    deliveries.error("redis connection error: " + cause.getClass().getSimpleName());
    ctx.close();
  }
}
