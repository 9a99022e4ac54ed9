package chat.server.internal.net;

import chat.protocol.FrameCodec;
import chat.server.internal.audit.AuditLog;
import chat.server.internal.auth.TokenBucket;
import chat.server.internal.relay.ClientConnection;
import chat.server.internal.relay.RequestDispatcher;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds each connection's pipeline: TLS 1.3, frame decoder, idle timeout (no complete frame within
 * the limit closes the connection), frame encoder, and a fresh {@link RelaySessionHandler}.
 */
public final class RelayServerInitializer extends ChannelInitializer<SocketChannel> {
  /** Per-connection limits. */
  public record Limits(
      int idleTimeoutSeconds, int requestsPerSecond, int requestBurst, long maxPendingBytes) {
    /** Validates the limits. */
    public Limits {
      if (idleTimeoutSeconds < 1 || requestsPerSecond < 1 || requestBurst < 1) {
        throw new IllegalArgumentException("limits must be positive");
      }
      if (maxPendingBytes < 1024) {
        throw new IllegalArgumentException("maxPendingBytes must be at least 1024");
      }
    }
  }

  private final SslContext ssl;
  private final FrameCodec codec;
  private final FrameEncoder encoder;
  private final OutboundEncoder outbound;
  private final RequestDispatcher dispatcher;
  private final Executor workers;
  private final Limits limits;
  private final Set<ClientConnection> registry;
  private final AuditLog audit;
  private final AtomicLong connections = new AtomicLong();
  private final PendingBudget budget = PendingBudget.ofHeap();

  /** An initializer sharing these collaborators across connections. */
  public RelayServerInitializer(
      SslContext ssl,
      FrameCodec codec,
      RequestDispatcher dispatcher,
      Executor workers,
      Limits limits,
      Set<ClientConnection> registry,
      AuditLog audit) {
    this.ssl = ssl;
    this.audit = audit;
    this.codec = codec;
    this.encoder = new FrameEncoder(codec);
    this.outbound = new OutboundEncoder(codec);
    this.dispatcher = dispatcher;
    this.workers = workers;
    this.limits = limits;
    this.registry = registry;
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    ChannelPipeline pipeline = channel.pipeline();
    pipeline.addLast("tls", ssl.newHandler(channel.alloc()));
    pipeline.addLast("frame-decoder", new FrameDecoder(codec));
    // After the decoder, so "idle" means "no whole frame": a client that never finishes its TLS
    // handshake, or trickles a frame a byte at a time (slow loris), is closed like a silent one.
    pipeline.addLast(
        "idle", new IdleStateHandler(limits.idleTimeoutSeconds(), 0, 0, TimeUnit.SECONDS));
    pipeline.addLast("frame-encoder", encoder);
    pipeline.addLast(
        "session",
        new RelaySessionHandler(
            dispatcher,
            outbound,
            new SerialExecutor(workers),
            new TokenBucket(limits.requestBurst(), limits.requestsPerSecond(), System.nanoTime()),
            limits.maxPendingBytes(),
            budget,
            registry,
            "c" + connections.incrementAndGet(),
            audit));
  }
}
