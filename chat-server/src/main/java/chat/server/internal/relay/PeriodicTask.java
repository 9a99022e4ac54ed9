package chat.server.internal.relay;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;

/**
 * Work the relay repeats on a daemon thread of its own, at a fixed delay after each run; a run that
 * fails, even with an {@link Error}, is logged and the next one runs as planned.
 */
final class PeriodicTask implements AutoCloseable {
  private final ScheduledExecutorService timer;

  /** A task whose thread is named {@code threadName}; {@link #every} schedules it. */
  PeriodicTask(String threadName) {
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, threadName);
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Runs {@code work} every {@code interval} from now on; a failure is logged on {@code log} as
   * {@code failure}.
   */
  void every(Duration interval, Runnable work, Logger log, String failure) {
    long millis = interval.toMillis();
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            work.run();
          } catch (RuntimeException | Error e) {
            // Logged, and the next run goes on: a task that threw would never run again.
            log.error(failure, e);
          }
        },
        millis,
        millis,
        TimeUnit.MILLISECONDS);
  }

  /**
   * Runs {@code sweep}, which returns how many things it removed, every {@code interval} from now
   * on, and logs {@code removed} with that count on {@code log} when it is not 0; a failure is
   * logged as {@code failure}. A sweep at start is the caller's to say, every time.
   */
  void sweepEvery(
      Duration interval, IntSupplier sweep, Logger log, String removed, String failure) {
    every(
        interval,
        () -> {
          int count = sweep.getAsInt();
          if (count > 0) {
            log.info(removed, count);
          }
        },
        log,
        failure);
  }

  /** Stops the runs; one in progress finishes first (for up to 10 s). */
  @Override
  public void close() {
    timer.shutdown();
    try {
      if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
        timer.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      timer.shutdownNow();
    }
  }
}
