package chat.server.internal.net;

import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayDeque;
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
 * Hands frames to one event loop's {@link OutboundQueue}s and runs their drains. Producers on any
 * thread hand over frames (or a fan-out's frames for this loop's connections, at once: {@link
 * #batch}) into one queue of arrivals; a run on the loop queues them on their connections in the
 * order they were handed over, then drains every connection that got some. A message to a
 * 1,000-member room thus makes a few hundred connections on each loop ready with one hand-over and
 * one task, instead of a lock per connection taken on the producer's processor and one task per
 * connection; each connection's queue is only touched on its loop. Thread-safe: any thread hands
 * over, the loop runs.
 *
 * <p><b>Write coalescing.</b> With a coalescing interval, runs start at least that long after the
 * previous one started. Frames handed over after a quiet interval are queued and drained at once;
 * those handed over soon after a run started wait for the next run, up to the interval (those
 * handed over while a run is still going may be taken by it), together with the frames of every
 * message fanned out meanwhile. Each run then costs one TLS record run and one system call per
 * connection for several frames instead of one: on a loaded relay the largest part of the cost of a
 * delivery (docs/PERFORMANCE.md). Order, acknowledgements and bounds are unchanged; only when
 * frames leave is.
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
   * The arrivals handed over on this thread during {@link #batch}, per scheduler; null outside.
   * Read for every connection a fan-out hands a frame: on Netty's threads (event loops and the
   * relay's workers, see {@code Relay}) that is an array index, where a {@link ThreadLocal} is a
   * hash probe.
   */
  private static final FastThreadLocal<Held> BATCH = new FastThreadLocal<>();

  private final Loop loop;
  private final long coalesceNanos;
  private final LongSupplier clock;

  /** Frames handed over and not yet queued on their connections, as tasks for the loop. */
  private final Queue<Runnable> arrivals = new ConcurrentLinkedQueue<>();

  /** The loop's alone: connections with frames queued and not yet drained. */
  private final ArrayDeque<OutboundQueue> ready = new ArrayDeque<>();

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
   * Runs {@code pushes} on this thread, holding back the frames they hand over; at the end each
   * scheduler gets its arrivals in one hand-over (one append to its queue of arrivals, at most one
   * task), where one by one each would cost an atomic append, contended by the loop reading it. A
   * batch inside a batch is part of it. Frames handed over meanwhile are not lost: they reach their
   * loops even if {@code pushes} throws. The frames of a batch take their places in their
   * connections' queues, after those handed over before by other threads, at its end.
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

  /**
   * Has {@code arrival} (frames for this loop's connections) run on the loop soon, after every
   * arrival handed over before it on this scheduler; inside a {@link #batch}, at its end.
   */
  void handOver(Runnable arrival) {
    Held held = BATCH.get();
    if (held != null) {
      held.add(this, arrival);
      return;
    }
    arrivals.add(arrival);
    wake();
  }

  /**
   * The last arrival this thread's {@link #batch} holds for this scheduler, which may still take
   * more frames; null outside a batch or if it holds none.
   */
  Runnable lastHeld() {
    Held held = BATCH.get();
    return held == null ? null : held.last(this);
  }

  /** On the loop, as frames arrive: has {@code queue} drained in this run; once per drain. */
  void ready(OutboundQueue queue) {
    ready.add(queue);
  }

  /**
   * The arrivals a batch holds back, by scheduler. There is one scheduler per event loop, a
   * handful, so a short list compared by reference and tried from the last one used costs less than
   * a map for each of a fan-out's thousand connections.
   */
  private static final class Held {
    private final List<DrainScheduler> schedulers = new ArrayList<>(4);
    private final List<List<Runnable>> arrivals = new ArrayList<>(4);
    private int last;

    void add(DrainScheduler scheduler, Runnable arrival) {
      int at = indexOf(scheduler);
      if (at < 0) {
        schedulers.add(scheduler);
        arrivals.add(new ArrayList<>());
        at = schedulers.size() - 1;
        last = at;
      }
      arrivals.get(at).add(arrival);
    }

    Runnable last(DrainScheduler scheduler) {
      int at = indexOf(scheduler);
      if (at < 0) {
        return null;
      }
      List<Runnable> mine = arrivals.get(at);
      return mine.get(mine.size() - 1);
    }

    private int indexOf(DrainScheduler scheduler) {
      int size = schedulers.size();
      if (last < size && schedulers.get(last) == scheduler) {
        return last;
      }
      for (int i = 0; i < size; i++) {
        if (schedulers.get(i) == scheduler) {
          last = i;
          return i;
        }
      }
      return -1;
    }

    /**
     * Gives each scheduler its held arrivals. One that fails (its loop shutting down) is logged and
     * does not keep the others from theirs.
     */
    void handOver() {
      for (int i = 0; i < schedulers.size(); i++) {
        try {
          schedulers.get(i).handOverAll(arrivals.get(i));
        } catch (RuntimeException e) {
          LOG.warn("handing frames to their event loop failed", e);
        }
      }
    }
  }

  /** On the loop: queues each frame handed over on its connection, in the order handed over. */
  private void takeArrivals() {
    Runnable arrival;
    while ((arrival = arrivals.poll()) != null) {
      try {
        arrival.run();
      } catch (RuntimeException e) {
        LOG.warn("queueing frames for a connection failed", e);
      }
    }
  }

  /**
   * Appends {@code held} to the arrivals in one step (the queue links them first, then swaps once).
   */
  private void handOverAll(List<Runnable> held) {
    arrivals.addAll(held);
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
   * Queues what has arrived, then drains what is ready, until neither is left. The flag is cleared
   * before the arrivals are read: one handed over after that is either seen by this run or has
   * scheduled a new one, so none is left waiting. A run that finds nothing to drain (its frames
   * were drained by the run before) does not count as a round. One arrival's or one connection's
   * failure is logged and does not keep the others from being queued or drained. A run cut short by
   * {@link #MAX_DRAINS_PER_TASK} continues at once: it is the same round.
   */
  private void run() {
    long start = clock.getAsLong();
    taskPending.set(false);
    boolean more = false;
    try {
      takeArrivals();
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
        if (queue == null) {
          // Frames handed over while this run went on join it, as a connection made ready would.
          takeArrivals();
          queue = ready.poll();
        }
      }
    } finally {
      if (more) {
        // At once, even if frames handed over meanwhile have scheduled the next round already: that
        // task finds the rest drained and returns.
        taskPending.set(true);
        loop.execute(this::run);
      } else if ((!arrivals.isEmpty() || !ready.isEmpty())
          && taskPending.compareAndSet(false, true)) {
        runAfter(lastRunStart + coalesceNanos - clock.getAsLong());
      }
    }
  }
}
