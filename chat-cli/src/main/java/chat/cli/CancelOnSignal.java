package chat.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The shutdown hook of {@code chat file send} while it uploads: on SIGINT (Ctrl-C) or SIGTERM it
 * cancels the upload, as {@code /file cancel} does, so that the relay deletes what it holds of it
 * rather than keep it against the sender's quota until it expires, and waits a few seconds for
 * that. The process then ends with the signal's code (130, 143).
 */
final class CancelOnSignal implements AutoCloseable {
  /** How long the hook waits for the upload to stop and be deleted. */
  private static final long CLEAN_UP_SECONDS = 5;

  private final Thread hook;
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean signalled;

  /** Registers the hook: on a signal it runs {@code cancel}, which throws if nothing is sent. */
  CancelOnSignal(Runnable cancel) {
    hook =
        new Thread(
            () -> {
              signalled = true;
              try {
                cancel.run();
              } catch (RuntimeException e) {
                return; // no upload runs (not begun yet, or over): nothing to delete
              }
              try {
                finished.await(CLEAN_UP_SECONDS, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "chat-cancel-on-signal");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Whether a signal came: a cancelled upload is then the signal's doing, not the user's. */
  boolean signalled() {
    return signalled;
  }

  /**
   * Waits, once the upload a signal cancelled has ended and {@link #close} let the hook go on, for
   * the process to end (at most {@value #CLEAN_UP_SECONDS} seconds), so that nothing more is said.
   */
  void awaitExit() {
    try {
      hook.join(TimeUnit.SECONDS.toMillis(CLEAN_UP_SECONDS));
      Thread.sleep(TimeUnit.SECONDS.toMillis(CLEAN_UP_SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** As {@link #close}: the upload ended. */
  @Override
  public void close() {
    ended();
  }

  /** The upload ended: the hook goes, or, during a shutdown, lets the process end. */
  void ended() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook ends the process
    }
  }
}
