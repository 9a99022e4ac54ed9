package chat.server.internal.net;

import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the drains of one event loop's {@link OutboundQueue}s. A message to a 1,000-member room
 * makes a few hundred connections on each loop ready to write; giving the loop one task that drains
 * them all, instead of one task each, spares a task submission and often a wake-up of the loop (a
 * system call) per connection. Thread-safe: any thread schedules, the loop runs.
 *
 * <p><b>Write coalescing.</b> With a coalescing interval, runs start at least that long after the
 * previous one started. A connection made ready after a quiet interval is drained at once; one made
 * ready soon after a run started waits for the next run, up to the interval (one made ready while a
 * run is still going may be drained by it), and collects the frames of every message fanned out
 * meanwhile. Each run then costs one TLS record run and one system call per connection for several
 * frames instead of one: on a loaded relay the largest part of the cost of a delivery
 * (docs/PERFORMANCE.md). Order, acknowledgements and bounds are unchanged; only when frames leave
 * is.
 */
final class DrainScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(DrainScheduler.class);

  /**
   * Drains per task at most; a longer run yields to the loop's reads and timers, then continues in
   * a new task.
   */
  static final int MAX_DRAINS_PER_TASK = 1024;

  /** Where runs go: at once, or after a delay. */
  interface Loop extends Executor {
    /** Runs {@code task} on the loop after {@code delayNanos}. */
    void schedule(Runnable task, long delayNanos);
  }

  /**
   * The queues made ready on this thread during {@link #batch}, per scheduler; null outside. Read
   * for every connection a fan-out makes ready: on Netty's threads (event loops and the relay's
   * workers, see {@code Relay}) that is an array index, where a {@link ThreadLocal} is a hash
   * probe.
   */
  private static final FastThreadLocal<Held> BATCH = new FastThreadLocal<>();

  private final Loop loop;
  private final long coalesceNanos;
  private final LongSupplier clock;
  private final Queue<OutboundQueue> ready = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean taskPending = new AtomicBoolean();

  /**
   * When the last run started ({@link #clock}); at first, one interval before the scheduler began.
   */
  private volatile long lastRunStart;

  /**
   * A scheduler whose drains run on {@code loop} (the channels' event loop), at least {@code
   * coalesceNanos} apart (0: at once).
   */
  static DrainScheduler on(ScheduledExecutorService loop, long coalesceNanos) {
    return new DrainScheduler(
        new Loop() {
          @Override
          public void execute(Runnable task) {
            loop.execute(task);
          }

          @Override
          public void schedule(Runnable task, long delayNanos) {
            loop.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
          }
        },
        coalesceNanos,
        System::nanoTime);
  }

  /** A scheduler over {@code loop} and {@code clock} (nanoseconds): the seam for tests. */
  DrainScheduler(Loop loop, long coalesceNanos, LongSupplier clock) {
    if (coalesceNanos < 0) {
      throw new IllegalArgumentException("coalescing interval must be 0 or more");
    }
    this.loop = loop;
    this.coalesceNanos = coalesceNanos;
    this.clock = clock;
    this.lastRunStart = clock.getAsLong() - coalesceNanos;
  }

  /**
   * Runs {@code pushes} on this thread, holding back the queues they make ready; at the end each
   * scheduler gets its queues in one hand-over (one append to its ready queue, at most one task),
   * where one by one each would cost an atomic append, contended by the loop reading it. A batch
   * inside a batch is part of it. Frames queued meanwhile are not lost: their queues are handed
   * over even if {@code pushes} throws.
   */
  static void batch(Runnable pushes) {
    if (BATCH.get() != null) {
      pushes.run();
      return;
    }
    Held held = new Held();
    BATCH.set(held);
    try {
      pushes.run();
    } finally {
      BATCH.remove();
      held.handOver();
    }
  }

  /** Has {@code queue} drained on the loop soon; the caller schedules each queue at most once. */
  void schedule(OutboundQueue queue) {
    Held held = BATCH.get();
    if (held != null) {
      held.add(this, queue);
      return;
    }
    ready.add(queue);
    wake();
  }

  /**
   * The queues a batch holds back, by scheduler. There is one scheduler per event loop, a handful,
   * so a short list compared by reference and tried from the last one used costs less than a map
   * for each of a fan-out's thousand connections.
   */
  private static final class Held {
    private final List<DrainScheduler> schedulers = new ArrayList<>(4);
    private final List<List<OutboundQueue>> queues = new ArrayList<>(4);
    private int last;

    void add(DrainScheduler scheduler, OutboundQueue queue) {
      int size = schedulers.size();
      if (last < size && schedulers.get(last) == scheduler) {
        queues.get(last).add(queue);
        return;
      }
      for (int i = 0; i < size; i++) {
        if (schedulers.get(i) == scheduler) {
          last = i;
          queues.get(i).add(queue);
          return;
        }
      }
      List<OutboundQueue> mine = new ArrayList<>();
      mine.add(queue);
      schedulers.add(scheduler);
      queues.add(mine);
      last = size;
    }

    /**
     * Gives each scheduler its held queues. One that fails (its loop shutting down) is logged and
     * does not keep the others from theirs.
     */
    void handOver() {
      for (int i = 0; i < schedulers.size(); i++) {
        try {
          schedulers.get(i).scheduleAll(queues.get(i));
        } catch (RuntimeException e) {
          LOG.warn("handing ready connections to their event loop failed", e);
        }
      }
    }
  }

  private void scheduleAll(List<OutboundQueue> queues) {
    ready.addAll(queues);
    wake();
  }

  private void wake() {
    if (taskPending.compareAndSet(false, true)) {
      runAfter(lastRunStart + coalesceNanos - clock.getAsLong());
    }
  }

  private void runAfter(long waitNanos) {
    if (waitNanos > 0) {
      loop.schedule(this::run, waitNanos);
    } else {
      loop.execute(this::run);
    }
  }

  /**
   * Drains what is ready. The flag is cleared before the queue is read: a queue added after that is
   * either seen by this run or has scheduled a new one, so none is left waiting. A run that finds
   * nothing (its queues were drained by the run before) does not count as a round. One connection's
   * failure is logged and does not keep the others from being drained. A run cut short by {@link
   * #MAX_DRAINS_PER_TASK} continues at once: it is the same round.
   */
  private void run() {
    long start = clock.getAsLong();
    taskPending.set(false);
    boolean more = false;
    try {
      OutboundQueue queue = ready.poll();
      if (queue == null) {
        return;
      }
      lastRunStart = start;
      for (int drained = 1; queue != null; drained++) {
        try {
          queue.drain();
        } catch (RuntimeException e) {
          LOG.warn("writing to a connection failed", e);
        }
        if (drained == MAX_DRAINS_PER_TASK) {
          more = true;
          break;
        }
        queue = ready.poll();
      }
    } finally {
      if (more) {
        // At once, even if a queue made ready meanwhile has scheduled the next round already: that
        // task finds the rest drained and returns.
        taskPending.set(true);
        loop.execute(this::run);
      } else if (!ready.isEmpty() && taskPending.compareAndSet(false, true)) {
        runAfter(lastRunStart + coalesceNanos - clock.getAsLong());
      }
    }
  }
}
