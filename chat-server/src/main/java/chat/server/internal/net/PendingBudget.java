package chat.server.internal.net;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The unsent bytes all connections together may hold, from the moment a frame is queued until the
 * socket has taken it. The per-connection bound stops one reader that fell behind; this one stops a
 * relay that cannot keep up with a very large room from queueing until it runs out of memory.
 * Thread-safe.
 */
final class PendingBudget {
  /** Smallest budget {@link #ofHeap} gives, whatever the heap. */
  static final long MIN_BYTES = 64L << 20;

  private final long limitBytes;
  private final AtomicLong used = new AtomicLong();

  PendingBudget(long limitBytes) {
    if (limitBytes < 1) {
      throw new IllegalArgumentException("limitBytes must be positive");
    }
    this.limitBytes = limitBytes;
  }

  /** A quarter of the largest heap this JVM may grow to, at least {@link #MIN_BYTES}. */
  static PendingBudget ofHeap() {
    return new PendingBudget(Math.max(MIN_BYTES, Runtime.getRuntime().maxMemory() / 4));
  }

  /** Takes {@code bytes} from the budget unless that would go over it. */
  boolean tryReserve(long bytes) {
    long now;
    do {
      now = used.get();
      if (now + bytes > limitBytes) {
        return false;
      }
    } while (!used.compareAndSet(now, now + bytes));
    return true;
  }

  /** Gives back {@code bytes} taken by {@link #tryReserve}. */
  void release(long bytes) {
    used.addAndGet(-bytes);
  }

  /** Bytes taken now. */
  long used() {
    return used.get();
  }

  /** The budget. */
  long limitBytes() {
    return limitBytes;
  }
}
