package chat.server.internal.net;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs one connection's requests one at a time, in arrival order, on a shared worker pool, so state
 * changes like login then join never race and the event loop never blocks.
 */
public final class SerialExecutor {
  private final Executor pool;
  private final Queue<Runnable> tasks = new ArrayDeque<>();
  private boolean running;

  /** A serial lane over {@code pool}. */
  public SerialExecutor(Executor pool) {
    this.pool = pool;
  }

  /** Queues a task; returns the number of tasks waiting, including this one. */
  public synchronized int execute(Runnable task) {
    tasks.add(task);
    if (!running) {
      running = true;
      schedule();
    }
    return tasks.size();
  }

  private void schedule() {
    try {
      pool.execute(this::runNext);
    } catch (RejectedExecutionException e) {
      tasks.clear();
      running = false;
    }
  }

  private void runNext() {
    Runnable task;
    synchronized (this) {
      task = tasks.poll();
    }
    try {
      if (task != null) {
        task.run();
      }
    } finally {
      synchronized (this) {
        if (tasks.isEmpty()) {
          running = false;
        } else {
          schedule();
        }
      }
    }
  }
}
