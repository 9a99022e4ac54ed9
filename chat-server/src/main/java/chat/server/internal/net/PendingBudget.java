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
 * #BATCH_CREDIT_BYTES} (or what is left, near the limit) and hands each frame its bytes from that
 * credit, giving back what is left at the end: a message to a 1,000-member room then costs a few
 * updates of the counter that every event loop also gives back to, not one per member. Credit
 * counts as taken, so the budget is never exceeded; while a batch holds some, another thread's
 * frame may be refused up to a chunk earlier than it would have been.
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
    if (credit == null || credit.owner != null && credit.owner != this) {
      return takeUpTo(bytes, bytes) == bytes;
    }
    if (credit.bytes < bytes) {
      // A chunk, or what is left of the budget if less, but at least what this frame lacks.
      long lacking = bytes - credit.bytes;
      long taken = takeUpTo(Math.max(lacking, BATCH_CREDIT_BYTES), lacking);
      if (taken == 0) {
        return false;
      }
      credit.owner = this;
      credit.bytes += taken;
    }
    credit.bytes -= bytes;
    return true;
  }

  /**
   * Takes as much of {@code wanted} as the budget has left, if that is at least {@code atLeast}
   * (else nothing). A compare-and-set loop, so the counter never passes the limit even for an
   * instant (which could refuse another thread's frame); inside a batch it runs once per chunk, not
   * per frame.
   *
   * @return the bytes taken, 0 or from {@code atLeast} to {@code wanted}
   */
  private long takeUpTo(long wanted, long atLeast) {
    while (true) {
      long now = used.get();
      long room = limitBytes - now;
      if (room < atLeast) {
        return 0;
      }
      long taken = Math.min(wanted, room);
      if (used.compareAndSet(now, now + taken)) {
        return taken;
      }
    }
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
