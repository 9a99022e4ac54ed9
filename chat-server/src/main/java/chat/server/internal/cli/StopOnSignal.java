package chat.server.internal.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's shutdown hook, registered before the relay starts, so that SIGTERM or SIGINT at any
 * moment ends in a clean stop and exit 0. One that comes during the start lets the start finish (it
 * is never cut off halfway through making the data directory), then closes the relay; the JVM alone
 * would have ended with 128 plus the signal's number, which a service manager counts as a failure.
 * A start that fails keeps its own exit code.
 */
final class StopOnSignal {
  /** What the hook needs of the JVM: {@link Runtime} in production, a fake in tests. */
  interface Jvm {
    void addShutdownHook(Thread hook);

    /** Removes {@code hook}; false if the JVM is already shutting down. */
    boolean removeShutdownHook(Thread hook);

    void halt(int status);

    /** The running JVM. */
    static Jvm running() {
      Runtime runtime = Runtime.getRuntime();
      return new Jvm() {
        @Override
        public void addShutdownHook(Thread hook) {
          runtime.addShutdownHook(hook);
        }

        @Override
        public boolean removeShutdownHook(Thread hook) {
          try {
            runtime.removeShutdownHook(hook);
            return true;
          } catch (IllegalStateException shuttingDown) {
            return false;
          }
        }

        @Override
        public void halt(int status) {
          runtime.halt(status);
        }
      };
    }
  }

  /**
   * How long a signal during the start waits for it to finish: a guard against a start that hangs
   * (a log file on a dead network mount), after which the JVM ends as it would have without this.
   */
  static final long START_WAIT_SECONDS = 60;

  private static final Logger LOG = LoggerFactory.getLogger(StopOnSignal.class);

  private final Jvm jvm;
  private final Thread hook;
  private final CountDownLatch startEnded = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile AutoCloseable relay;

  /** Registers the hook with {@code jvm}. */
  StopOnSignal(Jvm jvm) {
    this.jvm = jvm;
    this.hook = new Thread(this::stop, "relay-shutdown");
    jvm.addShutdownHook(hook);
  }

  /** The relay started: a signal closes it and ends the process with exit 0. */
  void started(AutoCloseable started) {
    relay = started;
    startEnded.countDown();
  }

  /** The start failed: the hook goes, so that the failure's exit code stands. */
  void startFailed() {
    startEnded.countDown();
    jvm.removeShutdownHook(hook);
  }

  /** Waits until a signal has closed the relay (the hook then ends the process). */
  void awaitStopped() throws InterruptedException {
    stopped.await();
  }

  private void stop() {
    try {
      if (startEnded.getCount() > 0) {
        LOG.info("stop requested during the start: the relay stops once it has started");
      }
      if (!startEnded.await(START_WAIT_SECONDS, TimeUnit.SECONDS)) {
        LOG.warn("the start did not finish within {} s of the stop request", START_WAIT_SECONDS);
        return;
      }
      AutoCloseable started = relay;
      if (started == null) {
        return; // the start failed while stopping; the JVM ends as it would have
      }
      started.close();
      stopped.countDown();
      // A clean shutdown is a success: exit 0 rather than the JVM's 128+signal.
      jvm.halt(0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.error("stopping the relay failed", e);
    }
  }
}
