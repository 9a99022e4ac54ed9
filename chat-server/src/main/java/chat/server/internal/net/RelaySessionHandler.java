package chat.server.internal.net;

import chat.crypto.RecipientForms;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.Event;
import chat.protocol.Frame;
import chat.protocol.FrameException;
import chat.protocol.HostPort;
import chat.protocol.MessageEventHeader;
import chat.protocol.Reply;
import chat.protocol.Request;
import chat.protocol.WireText;
import chat.server.internal.audit.AuditLog;
import chat.server.internal.audit.AuditType;
import chat.server.internal.auth.TokenBucket;
import chat.server.internal.relay.ClientConnection;
import chat.server.internal.relay.ConnectionState;
import chat.server.internal.relay.RequestDispatcher;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-connection handler: rate-limits decoded frames, answers bad ones, hands requests to the
 * connection's serial lane on the worker pool, and writes replies and events with a bound on
 * unflushed bytes. A client over that bound gets {@link ErrorCode#SLOW_CONSUMER} and is closed; it
 * never blocks a writer or a room. Frames are encoded by the thread that sends them and written
 * through an {@link OutboundQueue}, which flushes once per burst.
 *
 * <p>Connects, disconnects (with the reason), slow-consumer drops, request-rate hits (at most one
 * per connection per minute) and protocol errors that close the connection go to the audit log.
 */
public final class RelaySessionHandler extends SimpleChannelInboundHandler<Object>
    implements ClientConnection {
  private static final Logger LOG = LoggerFactory.getLogger(RelaySessionHandler.class);

  /**
   * Sends of one connection past their checks and not yet answered, at most: each holds its parsed
   * envelope and forms until then, so this bounds what one connection keeps beyond its waiting
   * requests ({@link InboundGate#HIGH}).
   */
  static final int MAX_SENDS_IN_FLIGHT = 8;

  /** Longest decoder message passed on in an error (the wire allows 512 characters). */
  private static final int MAX_REASON_CHARS = 200;

  private final RequestDispatcher dispatcher;
  private final OutboundEncoder encoder;
  private final SerialExecutor lane;
  private final TokenBucket bucket;
  private final long maxPendingBytes;
  private final PendingBudget budget;
  private final Function<EventLoop, DrainScheduler> drains;
  private final Set<ClientConnection> registry;
  private final String logId;
  private final AuditLog audit;
  private final ConnectionState state = new ConnectionState();
  private final AtomicBoolean closing = new AtomicBoolean();
  private volatile Channel channel;
  private volatile OutboundQueue outbound;
  private InboundGate gate;

  /**
   * Completes once every pipelined request taken so far is finished; set by lane tasks only, read
   * by the relay's shutdown too.
   */
  private volatile CompletableFuture<Void> pipelined = CompletableFuture.completedFuture(null);

  /**
   * The pipelined sends past their checks and not yet finished, oldest first (each one's stage of
   * {@link #pipelined}); used by lane tasks only.
   */
  private final ArrayDeque<CompletableFuture<Void>> sendsInFlight = new ArrayDeque<>();

  /**
   * What the send being finished still waits for ({@link #finishedWhen}); set and read by the one
   * stage that finishes it, on its thread.
   */
  private CompletionStage<?> finishing;

  private volatile String address = "unknown";
  private volatile String limitAddress = "unknown";
  private volatile String closeReason = "closed by the client";
  private volatile long lastRateAuditNanos;
  private volatile boolean rateAudited;

  /** A handler for one new connection. */
  public RelaySessionHandler(
      RequestDispatcher dispatcher,
      OutboundEncoder encoder,
      SerialExecutor lane,
      TokenBucket bucket,
      long maxPendingBytes,
      PendingBudget budget,
      Function<EventLoop, DrainScheduler> drains,
      Set<ClientConnection> registry,
      String logId,
      AuditLog audit) {
    this.dispatcher = dispatcher;
    this.encoder = encoder;
    this.lane = lane;
    this.bucket = bucket;
    this.maxPendingBytes = maxPendingBytes;
    this.budget = budget;
    this.drains = drains;
    this.registry = registry;
    this.logId = logId;
    this.audit = audit;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    channel = ctx.channel();
    outbound = new OutboundQueue(channel, budget, drains.apply(channel.eventLoop()));
    gate = new InboundGate(channel, closing::get);
    SocketAddress remote = channel.remoteAddress();
    if (remote instanceof InetSocketAddress inet) {
      address =
          inet.getAddress() == null ? inet.getHostString() : HostPort.address(inet.getAddress());
      limitAddress =
          inet.getAddress() == null ? address : AddressLimiter.limitKey(inet.getAddress());
    }
    registry.add(this);
    LOG.info("connect {} from {}", logId, address);
    audit.record(this, AuditType.CONNECT, null, "");
    super.channelActive(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    registry.remove(this);
    String user = state.username().orElse(null);
    lane.submit(() -> after(pipelined, () -> dispatcher.disconnected(this), () -> {}));
    LOG.info("disconnect {}", logId);
    audit.record(this, AuditType.DISCONNECT, user, closeReason);
    super.channelInactive(ctx);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Object message) {
    if (message instanceof FrameException bad) {
      LOG.debug("bad frame on {}: {} ({})", logId, bad.code(), bad.getMessage());
      ErrorReply error = new ErrorReply(bad.requestId().orElse(null), bad.code(), reason(bad));
      if (!bad.code().closesConnection()) {
        answerInTurn(error);
        return;
      }
      send(error);
      closeReason = "bad frame: " + bad.code().name();
      audit.record(this, AuditType.ERROR, state.username().orElse(null), closeReason);
      ctx.channel().config().setAutoRead(false);
      closeAfterFlush();
      return;
    }
    if (!(message instanceof Request request)) {
      answerInTurn(ErrorReply.of(null, ErrorCode.BAD_FRAME));
      return;
    }
    long now = System.nanoTime();
    if (!bucket.tryTake(now)) {
      auditRateLimit(now);
      answerInTurn(ErrorReply.of(request.id(), ErrorCode.RATE_LIMITED));
      return;
    }
    InboundGate current = gate;
    current.arrived();
    lane.submit(() -> handle(request, current));
  }

  /**
   * Sends an error decided here on the event loop (a frame that does not decode, a request over the
   * rate) in its turn on the lane, after the replies to every request before it, as the reply of a
   * request the lane handles would be. It counts as a waiting request at the gate until sent, so a
   * flood of such frames slows the reading as a flood of requests does.
   */
  private void answerInTurn(ErrorReply error) {
    InboundGate current = gate;
    current.arrived();
    Runnable answer =
        () -> {
          try {
            send(error);
          } finally {
            current.finished();
          }
        };
    lane.submit(() -> after(pipelined, answer, answer));
  }

  /**
   * Runs on the lane, one request at a time in arrival order. A send is checked and its write
   * queued, and the lane goes on to the next request at once: a client with several messages in
   * flight has them checked while the first is being made durable, and they share group commits.
   * Its reply and fan-out run once it is stored and every earlier send of this connection is
   * finished, so replies and events keep the order of the requests. Any other request first waits
   * for those, so it sees what they stored and is answered after them. At most {@link
   * #MAX_SENDS_IN_FLIGHT} sends are past their checks at a time (a further one waits for the
   * oldest), and the gate counts a send as waiting until it is finished.
   */
  private CompletionStage<?> handle(Request request, InboundGate current) {
    if (!RequestDispatcher.pipelined(request)) {
      return after(
          pipelined,
          () -> {
            try {
              dispatcher.dispatch(this, request);
            } finally {
              current.finished();
            }
          },
          () -> refuseShuttingDown(request, current));
    }
    while (!sendsInFlight.isEmpty() && sendsInFlight.peekFirst().isDone()) {
      sendsInFlight.removeFirst();
    }
    if (sendsInFlight.size() < MAX_SENDS_IN_FLIGHT) {
      startSend(request, current);
      return null;
    }
    return after(
        sendsInFlight.peekFirst(),
        () -> startSend(request, current),
        () -> refuseShuttingDown(request, current));
  }

  /** Checks a send and queues its write; its rest is chained after the sends before it. */
  private void startSend(Request request, InboundGate current) {
    boolean chained = false;
    try {
      CompletableFuture<Runnable> rest = dispatcher.start(this, request);
      pipelined =
          pipelined
              .exceptionally(ignored -> null)
              .thenCombineAsync(
                  rest,
                  (ignored, work) -> finish(request, work),
                  // Once the pool has stopped, on the committing thread: a reply and pushes only.
                  lane.continuations())
              // Answered once its fan-out has run too, which may wait for its turn in the room.
              .thenCompose(fannedOut -> fannedOut.thenApply(done -> (Void) null))
              .whenComplete((done, failed) -> current.finished());
      sendsInFlight.addLast(pipelined);
      chained = true;
    } finally {
      if (!chained) {
        current.finished();
      }
    }
  }

  /**
   * Runs the rest of a send ({@link RequestDispatcher#finish}); returns what it still waits for
   * (its fan-out's turn, {@link #finishedWhen}), or a completed stage.
   */
  private CompletionStage<?> finish(Request request, Runnable work) {
    finishing = null;
    dispatcher.finish(this, request, work);
    CompletionStage<?> done = finishing;
    finishing = null;
    return done == null ? CompletableFuture.completedFuture(null) : done;
  }

  @Override
  public void finishedWhen(CompletionStage<?> done) {
    finishing = done;
  }

  /** A request that will not be handled because the relay is shutting down. */
  private void refuseShuttingDown(Request request, InboundGate current) {
    try {
      send(ErrorReply.of(request.id(), ErrorCode.SHUTTING_DOWN));
    } finally {
      current.finished();
    }
  }

  @Override
  public CompletableFuture<Void> requestsFinished() {
    return pipelined.exceptionally(ignored -> null);
  }

  /**
   * Runs {@code task} once {@code sends} (pipelined sends' stage) is complete; called on the lane,
   * which takes its next request after the returned stage. If the worker pool has stopped by then
   * (the relay is shutting down), {@code refused} runs instead, on the thread that finished the
   * send: never a request there, which could wait for a write only that thread (the storage writer)
   * would commit.
   */
  private CompletionStage<?> after(CompletableFuture<Void> sends, Runnable task, Runnable refused) {
    if (sends.isDone()) {
      task.run();
      return null;
    }
    CompletableFuture<Void> ran =
        sends.exceptionally(ignored -> null).thenRunAsync(task, lane.pool());
    ran.exceptionally(
        failure -> {
          Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
          if (cause instanceof RejectedExecutionException) {
            refused.run();
          }
          return null;
        });
    return ran;
  }

  /** Audits a request-rate hit, at most once a minute per connection (a flood is one entry). */
  private void auditRateLimit(long nowNanos) {
    if (!rateAudited || nowNanos - lastRateAuditNanos >= TimeUnit.MINUTES.toNanos(1)) {
      rateAudited = true;
      lastRateAuditNanos = nowNanos;
      audit.record(this, AuditType.RATE_LIMITED, state.username().orElse(null), "request rate");
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof IdleStateEvent) {
      LOG.info("idle timeout on {}", logId);
      closeReason = "idle timeout";
      ctx.close();
      return;
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.info("connection error on {}: {}", logId, cause.getClass().getSimpleName());
    closeReason = "connection error: " + cause.getClass().getSimpleName();
    ctx.close();
  }

  @Override
  public String logId() {
    return logId;
  }

  @Override
  public String remoteAddress() {
    return address;
  }

  @Override
  public String limitAddress() {
    return limitAddress;
  }

  /**
   * What the decoder said was wrong (its own fixed texts, see {@link FrameException}), or the
   * code's default text if that is missing or would not be valid wire text.
   */
  private static String reason(FrameException bad) {
    String message = bad.getMessage();
    return WireText.isValid(message, MAX_REASON_CHARS) && !message.isBlank()
        ? message
        : bad.code().defaultMessage();
  }

  @Override
  public ConnectionState state() {
    return state;
  }

  @Override
  public void reply(Reply reply) {
    send(reply);
  }

  @Override
  public void push(Event event) {
    send(event);
  }

  @Override
  public void close(ErrorCode code) {
    closeReason = "closed by the relay: " + code.name();
    OutboundQueue queue = outbound;
    if (queue != null && channel.isActive() && !closing.get()) {
      queue.add(encoder.encode(ErrorReply.of(null, code)), Long.MAX_VALUE);
    }
    closeAfterFlush();
  }

  /**
   * On a wire version 3 connection, the member's frame is queued as the header and its form's place
   * in {@code forms}, and written straight into the write buffer; otherwise the event goes through
   * {@link #push}.
   */
  @Override
  public void pushMessage(MessageEventHeader header, RecipientForms forms, int index) {
    if (!state.binaryMessages()) {
      ClientConnection.super.pushMessage(header, forms, index);
    } else if (isOpen()) {
      int formBytes = forms.length(index);
      int frameBytes = encoder.binaryMessageBytes(header, formBytes);
      admitted(outbound.add(header, forms, index, formBytes, frameBytes, maxPendingBytes));
    }
  }

  private void send(Frame frame) {
    if (isOpen()) {
      enqueue(encoder.encode(frame, state.binaryMessages()));
    }
  }

  /** Whether frames are still taken: the connection is set up and not closing. */
  private boolean isOpen() {
    return channel != null && outbound != null && !closing.get();
  }

  /** Queues an encoded frame, or drops the connection if it is too far behind. */
  private void enqueue(byte[] encoded) {
    admitted(outbound.add(encoded, maxPendingBytes));
  }

  /** Drops the connection if the queue refused a frame because it is too far behind. */
  private void admitted(OutboundQueue.Admission admission) {
    Channel current = channel;
    OutboundQueue queue = outbound;
    switch (admission) {
      case QUEUED -> {}
      case OVER_CONNECTION_BOUND -> {
        long unsent = queue.pendingBytes();
        LOG.warn("slow consumer {}: {} bytes unsent, disconnecting", logId, unsent);
        disconnectSlowConsumer(current, queue, unsent + " bytes unsent");
      }
      case OVER_RELAY_BUDGET -> {
        LOG.warn(
            "relay outbound budget full ({} bytes unsent on all connections): disconnecting {}",
            budget.used(),
            logId);
        disconnectSlowConsumer(
            current, queue, queue.pendingBytes() + " bytes unsent; relay outbound budget full");
      }
    }
  }

  /**
   * Drops a connection whose unsent bytes hit its bound, or that the relay could not queue more for
   * because all connections together hit the relay's budget. It is closed at once, not after a
   * flush that a client which stopped reading would never allow; the SLOW_CONSUMER error goes out
   * only if the pipe has room. The client catches up from its cursor when it reconnects.
   */
  private void disconnectSlowConsumer(Channel current, OutboundQueue queue, String detail) {
    if (closing.compareAndSet(false, true)) {
      closeReason = "slow consumer";
      audit.record(this, AuditType.SLOW_CONSUMER, state.username().orElse(null), detail);
      queue.discard();
      current.writeAndFlush(
          Unpooled.wrappedBuffer(encoder.encode(ErrorReply.of(null, ErrorCode.SLOW_CONSUMER))));
      current.close();
    }
  }

  private void closeAfterFlush() {
    OutboundQueue queue = outbound;
    if (queue != null && closing.compareAndSet(false, true)) {
      queue.closeAfterFlush();
    }
  }
}
