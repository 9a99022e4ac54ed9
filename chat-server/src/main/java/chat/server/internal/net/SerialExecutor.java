package chat.server.internal.net;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs one connection's requests one at a time, in arrival order, on a shared worker pool, so state
 * changes like login then join never race and the event loop never blocks. A task may also hand
 * back a stage the lane waits for, without holding a thread, before it takes the next task.
 */
public final class SerialExecutor {
  /** A task that may finish later. */
  @FunctionalInterface
  public interface Step {
    /**
     * Runs the task's first part.
     *
     * @return null if the lane may take its next task now; otherwise a stage it takes it after
     */
    CompletionStage<?> run();
  }

  private final Executor pool;
  private final Queue<Step> tasks = new ArrayDeque<>();
  private boolean running;

  /** A serial lane over {@code pool}. */
  public SerialExecutor(Executor pool) {
    this.pool = pool;
  }

  /** The pool the lane runs on. */
  Executor pool() {
    return pool;
  }

  /**
   * Runs the rest of the lane's pipelined sends (reply and fan-out) on the pool, or on the calling
   * thread once the pool refuses work: a relay shutting down still answers the sends it has stored.
   * Nothing that may wait for a write may run here, since the calling thread may be the storage
   * writer.
   */
  Executor continuations() {
    return task -> {
      try {
        pool.execute(task);
      } catch (RejectedExecutionException e) {
        task.run();
      }
    };
  }

  /** Queues a task; returns the number of tasks waiting, including this one. */
  public int execute(Runnable task) {
    return submit(
        () -> {
          task.run();
          return null;
        });
  }

  /** Queues a step; returns the number of tasks waiting, including this one. */
  public synchronized int submit(Step task) {
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
    Step task;
    synchronized (this) {
      task = tasks.poll();
    }
    CompletionStage<?> later = null;
    try {
      if (task != null) {
        later = task.run();
      }
    } finally {
      if (later == null) {
        next();
      } else {
        later.whenComplete((result, failure) -> next());
      }
    }
  }

  private synchronized void next() {
    if (tasks.isEmpty()) {
      running = false;
    } else {
      schedule();
    }
  }
}
