package chat.server.internal.net;

import chat.crypto.RecipientForms;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.Event;
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
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-connection handler: rate-limits decoded frames, answers bad ones, hands requests to the
 * connection's serial lane on the worker pool in order ({@link RequestPipeline}), and writes
 * replies and events with a bound on unflushed bytes ({@link SessionWriter}). A client over that
 * bound gets {@link ErrorCode#SLOW_CONSUMER} and is closed; it never blocks a writer or a room.
 * Frames are encoded by the thread that sends them and written through an {@link OutboundQueue},
 * which flushes once per burst.
 *
 * <p>Connects, disconnects (with the reason), slow-consumer drops, request-rate hits (at most one
 * per connection per minute) and protocol errors that close the connection go to the audit log.
 */
public final class RelaySessionHandler extends SimpleChannelInboundHandler<Object>
    implements ClientConnection {
  private static final Logger LOG = LoggerFactory.getLogger(RelaySessionHandler.class);

  /** Longest decoder message passed on in an error (the wire allows 512 characters). */
  private static final int MAX_REASON_CHARS = 200;

  /**
   * The error's text when the inbound budget had no room for a frame (see {@link FrameDecoder}).
   */
  static final String INBOUND_FULL_MESSAGE =
      "the relay is receiving too much at once: connect again and send it again";

  /** When the inbound budget's refusal was last logged as a warning, in nanoseconds; 0: never. */
  private static final AtomicLong INBOUND_FULL_LOGGED = new AtomicLong();

  private final TokenBucket bucket;
  private final Set<ClientConnection> registry;
  private final String logId;
  private final AuditLog audit;
  private final ConnectionState state = new ConnectionState();
  private final RequestPipeline requests;
  private final SessionWriter writer;
  private InboundGate gate;

  /** Set when a frame ended the connection ({@link #closeInTurn}): nothing more is read. */
  private volatile boolean closingInTurn;

  private volatile String address = "unknown";
  private volatile String limitAddress = "unknown";
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
    this.bucket = bucket;
    this.registry = registry;
    this.logId = logId;
    this.audit = audit;
    this.requests = new RequestPipeline(this, dispatcher, lane);
    this.writer =
        new SessionWriter(this, state, encoder, maxPendingBytes, budget, drains, logId, audit);
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    Channel channel = ctx.channel();
    writer.open(channel);
    // Closing in turn reads no more, though the writer closes only once the lane gets there.
    gate = new InboundGate(channel, () -> closingInTurn || writer.closing());
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
    try {
      String user = state.username().or(state::closedAs).orElse(null);
      requests.disconnected();
      LOG.info("disconnect {}", logId);
      audit.record(this, AuditType.DISCONNECT, user, writer.closeReason());
    } finally {
      // Last: a relay shutting down waits for the registry to empty before it closes the audit log.
      registry.remove(this);
    }
    super.channelInactive(ctx);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Object message) {
    if (message == FrameDecoder.INBOUND_FULL) {
      long now = System.nanoTime();
      long last = INBOUND_FULL_LOGGED.get();
      if ((last == 0 || now - last >= TimeUnit.MINUTES.toNanos(1))
          && INBOUND_FULL_LOGGED.compareAndSet(last, now)) {
        // Once a minute: connections that each hold half a frame come by the hundred.
        LOG.warn(
            "inbound budget full: closing {}, whose next frame it had no room for (and any other"
                + " such connection in the next minute, logged at debug)",
            logId);
      } else {
        LOG.debug("inbound budget full: closing {}", logId);
      }
      closeInTurn(
          ctx,
          new ErrorReply(null, ErrorCode.RATE_LIMITED, INBOUND_FULL_MESSAGE),
          "inbound budget full");
      return;
    }
    if (message instanceof FrameException bad) {
      LOG.debug("bad frame on {}: {} ({})", logId, bad.code(), bad.getMessage());
      ErrorReply error = new ErrorReply(bad.requestId().orElse(null), bad.code(), reason(bad));
      if (!bad.code().closesConnection()) {
        requests.answerInTurn(error, gate);
        return;
      }
      closeInTurn(ctx, error, "bad frame: " + bad.code().name());
      return;
    }
    if (!(message instanceof Request request)) {
      requests.answerInTurn(ErrorReply.of(null, ErrorCode.BAD_FRAME), gate);
      return;
    }
    long now = System.nanoTime();
    if (!bucket.tryTake(now)) {
      auditRateLimit(now);
      requests.answerInTurn(ErrorReply.of(request.id(), ErrorCode.RATE_LIMITED), gate);
      return;
    }
    requests.take(request, gate);
  }

  /**
   * Reads no more, and sends {@code error} then closes once the requests received before it are
   * answered: the client may be waiting for them, and a join carried out must not go unanswered
   * because a frame behind it was refused.
   */
  private void closeInTurn(ChannelHandlerContext ctx, ErrorReply error, String closeReason) {
    closingInTurn = true; // before reading stops: the gate must not turn it on again
    writer.closeReason(closeReason);
    audit.record(this, AuditType.ERROR, state.username().orElse(null), closeReason);
    ctx.channel().config().setAutoRead(false);
    requests.lastInTurn(
        () -> {
          writer.send(error);
          writer.closeAfterFlush();
        });
  }

  @Override
  public void finishedWhen(CompletionStage<?> done) {
    requests.finishedWhen(done);
  }

  @Override
  public CompletableFuture<Void> requestsFinished() {
    return requests.requestsFinished();
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
      writer.closeReason("idle timeout");
      ctx.close();
      return;
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.info("connection error on {}: {}", logId, cause.getClass().getSimpleName());
    writer.closeReason("connection error: " + cause.getClass().getSimpleName());
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
    writer.send(reply);
  }

  @Override
  public void push(Event event) {
    writer.send(event);
  }

  @Override
  public void close(ErrorCode code, String message) {
    writer.close(code, message);
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
    } else {
      writer.sendMessage(header, forms, index);
    }
  }
}
