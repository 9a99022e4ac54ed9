package chat.server.internal.auth;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Bounds the bcrypt computations that run at once, so that a flood of registrations or logins
 * cannot take every request worker: at most {@code slots} run, at most {@code slots} more wait
 * (each at most {@code maxWait}), and any further one is refused at once with {@link
 * HashingBusyException}. A relay whose worker pool is larger than twice the slots thus always has a
 * worker free for requests that hash nothing (ping, send, history). Thread-safe.
 */
public final class HashingSlots {
  private final int slots;
  private final Semaphore admitted;
  private final Semaphore running;
  private final long maxWaitNanos;
  private final AtomicLong waiting = new AtomicLong();
  private final AtomicLong started = new AtomicLong();

  /**
   * At most {@code slots} computations at once (1 or more), at most {@code waiting} more (0 or
   * more) waiting up to {@code maxWait} each.
   */
  public HashingSlots(int slots, int waiting, Duration maxWait) {
    if (slots < 1 || waiting < 0) {
      throw new IllegalArgumentException("slots must be 1 or more, waiting 0 or more");
    }
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait must not be negative");
    }
    this.slots = slots;
    this.admitted = new Semaphore(slots + waiting);
    this.running = new Semaphore(slots, true);
    this.maxWaitNanos = maxWait.toNanos();
  }

  /**
   * Runs {@code work} in a slot and returns its result.
   *
   * @throws HashingBusyException if every slot and every waiting place is taken, or no slot came
   *     free within the wait
   */
  public <T> T run(Supplier<T> work) {
    if (!admitted.tryAcquire()) {
      throw new HashingBusyException();
    }
    try {
      waiting.incrementAndGet();
      boolean got;
      try {
        got = running.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        got = false;
      } finally {
        waiting.decrementAndGet();
      }
      if (!got) {
        throw new HashingBusyException();
      }
      try {
        started.incrementAndGet();
        return work.get();
      } finally {
        running.release();
      }
    } finally {
      admitted.release();
    }
  }

  /** The number of slots. */
  public int slots() {
    return slots;
  }

  /** Computations waiting for a slot now. */
  public long waiting() {
    return waiting.get();
  }

  /** Computations started since this was made. */
  public long started() {
    return started.get();
  }
}
