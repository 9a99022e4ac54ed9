package chat.cli.client.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;

/**
 * The client's two schedulers, which closing treats differently.
 *
 * <ul>
 *   <li>{@link #housekeeping}: the periodic save of the profile's state, pings, retries, the end of
 *       a mute or of a member's grace period. Closing drops what waits and lets a task under way
 *       finish, uninterrupted: an interrupt closes the file channel a save is writing through
 *       ({@code ClosedByInterruptException}), and that save would fail as if the disk had, telling
 *       the user that the profile cannot be written.
 *   <li>{@link #attempts}: reconnect attempts, which wait on the network. Closing interrupts one
 *       under way, so that it does not hold the client open until the relay answers.
 * </ul>
 */
final class ClientTimers {
  private final ScheduledThreadPoolExecutor housekeeping;
  private final ScheduledExecutorService attempts;

  ClientTimers() {
    housekeeping = new ScheduledThreadPoolExecutor(1, daemon("chat-timer"));
    housekeeping.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    housekeeping.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    attempts = Executors.newSingleThreadScheduledExecutor(daemon("chat-reconnect"));
  }

  /** Runs the client's periodic and delayed work; never interrupted. */
  ScheduledExecutorService housekeeping() {
    return housekeeping;
  }

  /** Runs reconnect attempts; one under way is interrupted at {@link #close}. */
  ScheduledExecutorService attempts() {
    return attempts;
  }

  /**
   * Refuses new work on both, drops what waits on both, and interrupts a reconnect attempt under
   * way; a housekeeping task under way finishes. Returns at once.
   */
  void close() {
    attempts.shutdownNow();
    housekeeping.shutdown();
  }

  /** Threads that do not keep the process running. */
  static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
