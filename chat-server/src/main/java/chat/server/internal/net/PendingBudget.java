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

  /**
   * Takes {@code bytes} from the budget unless that would go over it. One atomic add, taken back if
   * it went over, rather than a compare-and-set loop that every thread of a fan-out retries: near
   * the limit a reservation racing with another may be refused where a loop would have let one of
   * them through, which only makes the bound a little stricter.
   */
  boolean tryReserve(long bytes) {
    if (used.addAndGet(bytes) > limitBytes) {
      used.addAndGet(-bytes);
      return false;
    }
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
