package chat.server.internal.net;

import chat.protocol.FrameCodec;
import chat.protocol.HostPort;
import chat.server.internal.audit.AuditLog;
import chat.server.internal.audit.AuditType;
import chat.server.internal.auth.TokenBucket;
import chat.server.internal.relay.ClientConnection;
import chat.server.internal.relay.RequestDispatcher;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds each connection's pipeline: TLS 1.3, frame decoder, idle timeout (no complete frame within
 * the limit closes the connection), frame encoder, and a fresh {@link RelaySessionHandler}. A
 * connection from an address that already has {@link Limits#maxConnectionsPerAddress} open is
 * closed at once, before TLS (see {@link AddressLimiter}).
 */
public final class RelayServerInitializer extends ChannelInitializer<SocketChannel> {
  private static final Logger LOG = LoggerFactory.getLogger(RelayServerInitializer.class);

  /**
   * Per-connection limits, and how long an event loop that has just written holds the next round of
   * writes ({@code writeCoalescingMillis}, 0: at once; see {@link DrainScheduler}).
   */
  public record Limits(
      int idleTimeoutSeconds,
      int requestsPerSecond,
      int requestBurst,
      long maxPendingBytes,
      int maxConnectionsPerAddress,
      int writeCoalescingMillis) {
    /** Validates the limits. */
    public Limits {
      if (idleTimeoutSeconds < 1 || requestsPerSecond < 1 || requestBurst < 1) {
        throw new IllegalArgumentException("limits must be positive");
      }
      if (maxConnectionsPerAddress < 0) {
        throw new IllegalArgumentException("maxConnectionsPerAddress must be 0 (none) or more");
      }
      if (writeCoalescingMillis < 0) {
        throw new IllegalArgumentException("writeCoalescingMillis must be 0 (none) or more");
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
  private final ConnectionIds ids;
  private final PendingBudget budget = PendingBudget.ofHeap();

  /** What the frames still arriving on all connections together may hold (see FrameDecoder). */
  private final PendingBudget inbound = PendingBudget.ofHeap();

  private final Map<EventLoop, DrainScheduler> drains = new ConcurrentHashMap<>();
  private final AddressLimiter addresses;

  /** An initializer sharing these collaborators across connections. */
  public RelayServerInitializer(
      SslContext ssl,
      FrameCodec codec,
      RequestDispatcher dispatcher,
      Executor workers,
      Limits limits,
      Set<ClientConnection> registry,
      ConnectionIds ids,
      AuditLog audit) {
    this.ids = ids;
    this.ssl = ssl;
    this.audit = audit;
    this.codec = codec;
    this.encoder = new FrameEncoder(codec);
    this.outbound = new OutboundEncoder(codec);
    this.dispatcher = dispatcher;
    this.workers = workers;
    this.limits = limits;
    this.registry = registry;
    this.addresses = new AddressLimiter(limits.maxConnectionsPerAddress());
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    if (!admit(channel)) {
      channel.close();
      return;
    }
    ChannelPipeline pipeline = channel.pipeline();
    RelaySessionHandler session =
        new RelaySessionHandler(
            dispatcher,
            outbound,
            new SerialExecutor(workers),
            new TokenBucket(limits.requestBurst(), limits.requestsPerSecond(), System.nanoTime()),
            limits.maxPendingBytes(),
            budget,
            loop -> drains.computeIfAbsent(loop, this::drainScheduler),
            registry,
            ids.next(),
            audit);
    pipeline.addLast("tls", ssl.newHandler(channel.alloc()));
    pipeline.addLast(
        "frame-decoder", new FrameDecoder(codec, session.state()::binaryMessages, inbound));
    // After the decoder, so "idle" means "no whole frame": a client that never finishes its TLS
    // handshake, or trickles a frame a byte at a time (slow loris), is closed like a silent one.
    pipeline.addLast(
        "idle", new IdleStateHandler(limits.idleTimeoutSeconds(), 0, 0, TimeUnit.SECONDS));
    pipeline.addLast("frame-encoder", encoder);
    pipeline.addLast("session", session);
  }

  /**
   * Runs {@code pushes} (one fan-out's pushes) so that the connections they make ready are handed
   * to each event loop in one batch at the end rather than one at a time (see {@link
   * DrainScheduler#batch}), and their frames take the relay's outbound budget in chunks rather than
   * one by one (see {@link PendingBudget#batch}).
   */
  public static void batchPushes(Runnable pushes) {
    DrainScheduler.batch(() -> PendingBudget.batch(pushes));
  }

  private DrainScheduler drainScheduler(EventLoop loop) {
    return DrainScheduler.on(loop, TimeUnit.MILLISECONDS.toNanos(limits.writeCoalescingMillis()));
  }

  /**
   * Counts {@code channel} against its address's limit (uncounted when it closes); false if the
   * address is at the limit. A refusal is logged and audited at most once a minute per address.
   */
  private boolean admit(SocketChannel channel) {
    InetSocketAddress remote = channel.remoteAddress();
    if (remote == null || remote.getAddress() == null) {
      return false; // closed before it could be set up
    }
    InetAddress address = remote.getAddress();
    switch (addresses.tryAcquire(address)) {
      case ADMITTED -> {
        channel.closeFuture().addListener(closed -> addresses.release(address));
        return true;
      }
      case REFUSED_REPORT -> {
        String shown = HostPort.address(address);
        LOG.warn(
            "refusing connections from {}: {} open, the limit per address",
            shown,
            limits.maxConnectionsPerAddress());
        audit.record(AuditType.RATE_LIMITED, null, shown, "connections per address");
        return false;
      }
      default -> {
        return false;
      }
    }
  }
}
