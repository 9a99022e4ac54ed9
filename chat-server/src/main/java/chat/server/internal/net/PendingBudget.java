package chat.server.internal.net;

import io.netty.util.concurrent.FastThreadLocal;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The unsent bytes all connections together may hold, from the moment a frame is queued until the
 * socket has taken it. The per-connection bound stops one reader that fell behind; this one stops a
 * relay that cannot keep up with a very large room from queueing until it runs out of memory.
 * Thread-safe.
 *
 * <p>Inside a {@link #batch} (one fan-out's pushes) a thread takes the budget in chunks of {@link
 * #BATCH_CREDIT_BYTES} and hands each frame its bytes from that credit, giving back what is left at
 * the end: a message to a 1,000-member room then costs a few atomic adds on the counter that every
 * event loop also gives back to, not one per member. Credit counts as taken, so the budget is never
 * exceeded; while a batch holds some, another frame may be refused a little earlier.
 */
final class PendingBudget {
  /** Smallest budget {@link #ofHeap} gives, whatever the heap. */
  static final long MIN_BYTES = 64L << 20;

  /** Bytes a batch takes from the budget at a time. */
  static final long BATCH_CREDIT_BYTES = 256 * 1024;

  /** This thread's credit during {@link #batch}; null outside one. */
  private static final FastThreadLocal<Credit> CREDIT = new FastThreadLocal<>();

  /** Bytes taken from {@code owner} (the first budget the batch reserved from), not yet used. */
  private static final class Credit {
    private PendingBudget owner;
    private long bytes;
  }

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
   * Takes {@code bytes} from the budget unless that would go over it; inside a {@link #batch}, from
   * this thread's credit, topped up a chunk at a time.
   */
  boolean tryReserve(long bytes) {
    Credit credit = CREDIT.get();
    if (credit != null && (credit.owner == null || credit.owner == this)) {
      if (credit.bytes >= bytes) {
        credit.bytes -= bytes;
        return true;
      }
      long chunk = Math.max(bytes, BATCH_CREDIT_BYTES);
      if (take(chunk)) {
        credit.owner = this;
        credit.bytes += chunk - bytes;
        return true;
      }
      // Near the limit: no whole chunk left, but this frame may still fit.
    }
    return take(bytes);
  }

  /**
   * Runs {@code pushes} with {@link #tryReserve} served from a per-thread credit (see the class
   * comment); whatever credit is left is given back at the end, also if {@code pushes} throws. A
   * batch inside a batch is part of it.
   */
  static void batch(Runnable pushes) {
    if (CREDIT.get() != null) {
      pushes.run();
      return;
    }
    Credit credit = new Credit();
    CREDIT.set(credit);
    try {
      pushes.run();
    } finally {
      CREDIT.remove();
      if (credit.owner != null && credit.bytes > 0) {
        credit.owner.release(credit.bytes);
      }
    }
  }

  /**
   * One atomic add, taken back if it went over, rather than a compare-and-set loop that every
   * thread of a fan-out retries: near the limit a reservation racing with another may be refused
   * where a loop would have let one of them through, which only makes the bound a little stricter.
   */
  private boolean take(long bytes) {
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
