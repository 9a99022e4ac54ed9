package chat.server.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import chat.protocol.FrameCodec;
import chat.server.internal.audit.AuditLog;
import chat.server.internal.auth.TokenBucket;
import io.netty.channel.DefaultChannelId;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
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

  /** A handler whose channel became active with a remote address of {@code address}. */
  private static RelaySessionHandler connectedFrom(String address) throws Exception {
    InetSocketAddress remote = new InetSocketAddress(InetAddress.getByName(address), 40_000);
    RelaySessionHandler handler =
        new RelaySessionHandler(
            null,
            new OutboundEncoder(new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES)),
            new SerialExecutor(Executors.newSingleThreadExecutor()),
            new TokenBucket(10, 10, System.nanoTime()),
            1 << 20,
            new PendingBudget(1 << 20),
            loop -> DrainScheduler.on(loop, 0),
            ConcurrentHashMap.newKeySet(),
            "c1",
            AuditLog.discarding());
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
}
