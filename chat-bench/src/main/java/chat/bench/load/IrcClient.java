package chat.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A minimal IRC client (RFC 2812) over plain TCP: registers a nick, joins one channel, answers the
 * server's PINGs, and reads channel PRIVMSGs with a fast path that only parses the message index at
 * the start of the text.
 */
// Sharable only so that a connect that failed can be tried again on a new channel (Netty never
// lets an unsharable handler be added twice); it is in one open pipeline at a time.
@ChannelHandler.Sharable
public final class IrcClient extends SimpleChannelInboundHandler<ByteBuf> implements BenchClient {
  private static final int MAX_LINE_BYTES = 4096;

  private final int receiver;
  private final Deliveries deliveries;
  private final CompletableFuture<IrcClient> welcomed = new CompletableFuture<>();
  private final Queue<CompletableFuture<Void>> joins = new ConcurrentLinkedQueue<>();
  private final Queue<PendingPing> pings = new ConcurrentLinkedQueue<>();
  private volatile Channel channel;
  private volatile boolean closing;

  private record PendingPing(long startNanos, CompletableFuture<Long> done) {}

  private IrcClient(int receiver, Deliveries deliveries) {
    this.receiver = receiver;
    this.deliveries = deliveries;
  }

  /** Connects and registers {@code nick}; completes on the server's welcome (001). */
  public static CompletableFuture<IrcClient> open(
      NettyClients clients, int port, String nick, int receiver, Deliveries deliveries) {
    IrcClient client = new IrcClient(receiver, deliveries);
    return clients
        .connect(
            port,
            channel ->
                channel
                    .pipeline()
                    .addLast(new LineBasedFrameDecoder(MAX_LINE_BYTES))
                    .addLast(client))
        .thenCompose(
            channel -> {
              client.channel = channel;
              client.line("NICK " + nick + "\r\nUSER " + nick + " 0 * :" + nick + "\r\n");
              return client.welcomed;
            });
  }

  /** Joins {@code channelName}; completes at the end of its name list (366). */
  public CompletableFuture<Void> join(String channelName) {
    CompletableFuture<Void> joined = new CompletableFuture<>();
    joins.add(joined);
    line("JOIN " + channelName + "\r\n");
    return joined;
  }

  private void line(String text) {
    channel.writeAndFlush(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
  }

  @Override
  public void write(byte[] encoded) {
    channel.writeAndFlush(Unpooled.wrappedBuffer(encoded));
  }

  @Override
  public CompletableFuture<Long> ping() {
    PendingPing pending = new PendingPing(System.nanoTime(), new CompletableFuture<>());
    pings.add(pending);
    line("PING :bench\r\n");
    return pending.done();
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
  protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
    byte[] bytes = ByteBufUtil.getBytes(line);
    int command = 0;
    if (bytes.length > 0 && bytes[0] == ':') {
      command = indexOf(bytes, ' ', 0) + 1;
      if (command == 0) {
        return;
      }
    }
    if (startsWith(bytes, command, "PRIVMSG ")) {
      long now = System.nanoTime();
      int text = indexOf(bytes, ':', command) + 1;
      int k = text == 0 ? -1 : TextPayload.index(bytes, text, bytes.length);
      if (k < 0) {
        deliveries.unknown();
      } else {
        deliveries.delivered(receiver, k, now);
      }
    } else if (startsWith(bytes, command, "PING ")) {
      String token =
          new String(bytes, command + 5, bytes.length - command - 5, StandardCharsets.US_ASCII);
      line("PONG " + token + "\r\n");
    } else if (startsWith(bytes, command, "PONG ")) {
      PendingPing pending = pings.poll();
      if (pending != null) {
        pending.done().complete(System.nanoTime() - pending.startNanos());
      }
    } else if (startsWith(bytes, command, "001 ")) {
      welcomed.complete(this);
    } else if (startsWith(bytes, command, "366 ")) {
      CompletableFuture<Void> joined = joins.poll();
      if (joined != null) {
        joined.complete(null);
      }
    } else if (startsWith(bytes, command, "433 ") || startsWith(bytes, command, "ERROR ")) {
      String text = new String(bytes, StandardCharsets.US_ASCII);
      deliveries.error("irc: " + text);
      welcomed.completeExceptionally(new IllegalStateException(text));
    } else if (startsWith(bytes, command, "JOIN ") || startsWith(bytes, command, "QUIT ")) {
      deliveries.otherEvent();
    }
  }

  private static int indexOf(byte[] bytes, char c, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private static boolean startsWith(byte[] bytes, int offset, String prefix) {
    if (bytes.length - offset < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (bytes[offset + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (!closing) {
      deliveries.disconnected();
    }
    welcomed.completeExceptionally(new IllegalStateException("connection closed"));
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    deliveries.error("irc connection error: " + cause.getClass().getSimpleName());
    ctx.close();
  }
}
