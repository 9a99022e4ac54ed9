package chat.server.internal.net;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the drains of one event loop's {@link OutboundQueue}s. A message to a 1,000-member room
 * makes a few hundred connections on each loop ready to write; giving the loop one task that drains
 * them all, instead of one task each, spares a task submission and often a wake-up of the loop (a
 * system call) per connection. Thread-safe: any thread schedules, the loop runs.
 */
final class DrainScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(DrainScheduler.class);

  /**
   * Drains per task at most; a longer run yields to the loop's reads and timers, then continues in
   * a new task.
   */
  static final int MAX_DRAINS_PER_TASK = 1024;

  private final Executor loop;
  private final Queue<OutboundQueue> ready = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean taskPending = new AtomicBoolean();

  /** A scheduler whose drains run on {@code loop} (the channels' event loop). */
  DrainScheduler(Executor loop) {
    this.loop = loop;
  }

  /** Has {@code queue} drained on the loop soon; the caller schedules each queue at most once. */
  void schedule(OutboundQueue queue) {
    ready.add(queue);
    if (taskPending.compareAndSet(false, true)) {
      loop.execute(this::run);
    }
  }

  /**
   * Drains what is ready. The flag is cleared before the queue is read: a queue added after that is
   * either seen by this run or has scheduled a new one, so none is left waiting. One connection's
   * failure is logged and does not keep the others from being drained.
   */
  private void run() {
    taskPending.set(false);
    try {
      for (int i = 0; i < MAX_DRAINS_PER_TASK; i++) {
        OutboundQueue queue = ready.poll();
        if (queue == null) {
          return;
        }
        try {
          queue.drain();
        } catch (RuntimeException e) {
          LOG.warn("writing to a connection failed", e);
        }
      }
    } finally {
      if (!ready.isEmpty() && taskPending.compareAndSet(false, true)) {
        loop.execute(this::run);
      }
    }
  }
}
