package chat.server.internal.net;

import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Back-pressure on one connection's requests: when {@link #HIGH} of them wait to be handled, the
 * relay stops reading from the socket, and reads again once they are down to {@link #LOW}. A client
 * that sends faster than the relay handles its requests (a flood of large envelopes, or simply a
 * relay behind in a big room) then waits in TCP instead of in the relay's memory. Requests are
 * counted on the event loop when they arrive and on the worker that finishes them.
 */
final class InboundGate {
  /** Waiting requests at which reading stops. */
  static final int HIGH = 16;

  /** Waiting requests at which reading starts again. */
  static final int LOW = 4;

  private final Channel channel;
  private final BooleanSupplier closing;
  private final AtomicInteger waiting = new AtomicInteger();
  private volatile boolean paused;

  /** A gate on {@code channel}; it never reopens a channel for which {@code closing} is true. */
  InboundGate(Channel channel, BooleanSupplier closing) {
    this.channel = channel;
    this.closing = closing;
  }

  /** Counts a request handed to the worker; on the event loop. */
  void arrived() {
    if (waiting.incrementAndGet() >= HIGH && !paused) {
      paused = true;
      channel.config().setAutoRead(false);
    }
  }

  /** Counts a request finished; on any thread. */
  void finished() {
    if (waiting.decrementAndGet() <= LOW && paused) {
      channel.eventLoop().execute(this::resume);
    }
  }

  /** Whether reading is stopped now. */
  boolean paused() {
    return paused;
  }

  private void resume() {
    if (paused && waiting.get() <= LOW) {
      paused = false;
      if (!closing.getAsBoolean() && channel.isActive()) {
        channel.config().setAutoRead(true);
      }
    }
  }
}
