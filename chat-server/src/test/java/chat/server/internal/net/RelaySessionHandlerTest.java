package chat.server.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.Frame;
import chat.protocol.FrameCodec;
import chat.server.internal.audit.AuditLog;
import chat.server.internal.auth.TokenBucket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultChannelId;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RelaySessionHandlerTest {
  @Test
  void limitAddress_ipv6_isItsSlash64_whileTheRemoteAddressStaysWhole() throws Exception {
    RelaySessionHandler one = connectedFrom("2001:db8:1:2::1");
    RelaySessionHandler other = connectedFrom("2001:db8:1:2:ffff:ab:cd:9");
    assertThat(one.remoteAddress()).isEqualTo("2001:db8:1:2::1");
    assertThat(other.remoteAddress()).isEqualTo("2001:db8:1:2:ffff:ab:cd:9");
    assertThat(one.limitAddress()).isEqualTo(other.limitAddress()).isEqualTo("2001:db8:1:2::/64");
    assertThat(connectedFrom("2001:db8:1:3::1").limitAddress()).isEqualTo("2001:db8:1:3::/64");
  }

  @Test
  void limitAddress_ipv4_isTheAddress() throws Exception {
    RelaySessionHandler handler = connectedFrom("192.0.2.7");
    assertThat(handler.limitAddress()).isEqualTo("192.0.2.7").isEqualTo(handler.remoteAddress());
  }

  /**
   * A frame the inbound budget has no room for closes its connection with RATE_LIMITED, without
   * {@code re}: the frame was never read.
   */
  @Test
  void aFrameTheInboundBudgetHasNoRoomFor_getsRateLimited_thenTheConnectionCloses()
      throws Exception {
    FrameCodec codec = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);
    PendingBudget inbound = new PendingBudget(1000);
    inbound.tryReserve(990); // other connections' frames under way
    EmbeddedChannel channel =
        new EmbeddedChannel(
            new FrameDecoder(codec, () -> false, inbound), new FrameEncoder(codec), handler());

    channel.writeInbound(Unpooled.buffer().writeInt(200).writeBytes(new byte[50]));

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (channel.isOpen() && System.nanoTime() < deadline) {
      channel.runPendingTasks();
      Thread.sleep(10);
    }
    List<Frame> sent = new ArrayList<>();
    for (ByteBuf out; (out = channel.readOutbound()) != null; out.release()) {
      while (out.readableBytes() >= 4) {
        byte[] body = new byte[out.readInt()];
        out.readBytes(body);
        sent.add(codec.decode(body, false));
      }
    }
    assertThat(sent)
        .containsExactly(
            new ErrorReply(null, ErrorCode.RATE_LIMITED, RelaySessionHandler.INBOUND_FULL_MESSAGE));
    assertThat(channel.isOpen()).isFalse();
    assertThat(inbound.used()).isEqualTo(990);
  }

  /** A handler whose channel became active with a remote address of {@code address}. */
  private static RelaySessionHandler connectedFrom(String address) throws Exception {
    InetSocketAddress remote = new InetSocketAddress(InetAddress.getByName(address), 40_000);
    RelaySessionHandler handler = handler();
    EmbeddedChannel channel =
        new EmbeddedChannel(DefaultChannelId.newInstance(), false, false) {
          @Override
          protected SocketAddress remoteAddress0() {
            return remote;
          }
        };
    channel.pipeline().addLast(handler);
    channel.register();
    return handler;
  }

  /**
   * A handler with no dispatcher: for what it does before a request is handled. Its lane's threads
   * drop what fails there (the missing dispatcher told of a disconnect).
   */
  private static RelaySessionHandler handler() {
    return new RelaySessionHandler(
        null,
        new OutboundEncoder(new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES)),
        new SerialExecutor(
            Executors.newSingleThreadExecutor(
                task -> {
                  Thread thread = new Thread(task);
                  thread.setDaemon(true);
                  thread.setUncaughtExceptionHandler((t, e) -> {});
                  return thread;
                })),
        new TokenBucket(10, 10, System.nanoTime()),
        1 << 20,
        new PendingBudget(1 << 20),
        loop -> DrainScheduler.on(loop, 0),
        ConcurrentHashMap.newKeySet(),
        "c1",
        AuditLog.discarding());
  }
}
