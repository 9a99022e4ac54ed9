package chat.server.internal.net;

import chat.crypto.RecipientForms;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.Frame;
import chat.protocol.MessageEventHeader;
import chat.server.internal.audit.AuditLog;
import chat.server.internal.audit.AuditType;
import chat.server.internal.relay.ClientConnection;
import chat.server.internal.relay.ConnectionState;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writing side of one connection: frames are encoded by the thread that sends them and queued
 * on the connection's {@link OutboundQueue} with a bound on unsent bytes. A client over that bound,
 * or one the relay cannot queue more for because all connections together hit its budget, gets
 * {@link ErrorCode#SLOW_CONSUMER} and is closed at once; it never blocks a writer or a room. Other
 * closes go out after what is queued. It keeps why the connection closed, for the audit log.
 */
final class SessionWriter {
  /** Under the handler's name: these are its log lines, which operators may filter on. */
  private static final Logger LOG = LoggerFactory.getLogger(RelaySessionHandler.class);

  private final ClientConnection connection;
  private final ConnectionState state;
  private final OutboundEncoder encoder;
  private final long maxPendingBytes;
  private final PendingBudget budget;
  private final Function<EventLoop, DrainScheduler> drains;
  private final String logId;
  private final AuditLog audit;
  private final AtomicBoolean closing = new AtomicBoolean();
  private volatile Channel channel;
  private volatile OutboundQueue outbound;
  private volatile String closeReason = "closed by the client";

  /**
   * A writer for {@code connection}, whose {@code state} says which wire form its frames take; it
   * takes frames once {@link #open} is called.
   */
  SessionWriter(
      ClientConnection connection,
      ConnectionState state,
      OutboundEncoder encoder,
      long maxPendingBytes,
      PendingBudget budget,
      Function<EventLoop, DrainScheduler> drains,
      String logId,
      AuditLog audit) {
    this.connection = connection;
    this.state = state;
    this.encoder = encoder;
    this.maxPendingBytes = maxPendingBytes;
    this.budget = budget;
    this.drains = drains;
    this.logId = logId;
    this.audit = audit;
  }

  /** Starts writing to {@code active}, the connection's channel, once it is active. */
  void open(Channel active) {
    channel = active;
    outbound = new OutboundQueue(active, budget, drains.apply(active.eventLoop()));
  }

  /** Whether the connection is closing: frames are no longer taken. */
  boolean closing() {
    return closing.get();
  }

  /** Why the connection closed, or is closing; "closed by the client" unless told otherwise. */
  String closeReason() {
    return closeReason;
  }

  /** Records why the connection is about to be closed. */
  void closeReason(String reason) {
    closeReason = reason;
  }

  /** Encodes and queues {@code frame}, unless the connection is closing. */
  void send(Frame frame) {
    if (isOpen()) {
      enqueue(encoder.encode(frame, state.version()));
    }
  }

  /**
   * Queues a wire version 3 member's message frame as the header and its form's place in {@code
   * forms}, written straight into the write buffer.
   */
  void sendMessage(MessageEventHeader header, RecipientForms forms, int index) {
    if (isOpen()) {
      int formBytes = forms.length(index);
      int frameBytes = encoder.binaryMessageBytes(header, formBytes);
      admitted(outbound.add(header, forms, index, formBytes, frameBytes, maxPendingBytes));
    }
  }

  /**
   * Sends an error with no request id and {@code message}, past the bound on unsent bytes, and
   * closes after it.
   */
  void close(ErrorCode code, String message) {
    closeReason = "closed by the relay: " + code.name();
    OutboundQueue queue = outbound;
    if (queue != null && channel.isActive() && !closing.get()) {
      queue.add(encoder.encode(new ErrorReply(null, code, message)), Long.MAX_VALUE);
    }
    closeAfterFlush();
  }

  /** Takes no more frames and closes the connection once what is queued is written. */
  void closeAfterFlush() {
    OutboundQueue queue = outbound;
    if (queue != null && closing.compareAndSet(false, true)) {
      queue.closeAfterFlush();
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
      audit.record(connection, AuditType.SLOW_CONSUMER, state.username().orElse(null), detail);
      queue.discard();
      current.writeAndFlush(
          Unpooled.wrappedBuffer(encoder.encode(ErrorReply.of(null, ErrorCode.SLOW_CONSUMER))));
      current.close();
    }
  }
}
