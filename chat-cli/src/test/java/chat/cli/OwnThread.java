package chat.cli;

import java.util.concurrent.Executor;

/**
 * Runs each task on a new daemon thread: for a test's blocking work (a command that runs until the
 * test ends, a prompt waiting for input) next to what it checks. {@code CompletableFuture}'s
 * default pool will not do: from JDK 25 it is the common fork-join pool, one thread on a
 * two-processor machine, so one blocked task there starves every other task and timer of the JVM.
 */
public final class OwnThread {
  /** A new daemon thread per task. */
  public static final Executor EACH =
      task -> {
        Thread thread = new Thread(task, "test-own-thread");
        thread.setDaemon(true);
        thread.start();
      };

  private OwnThread() {}
}
