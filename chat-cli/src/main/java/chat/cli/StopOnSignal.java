package chat.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The shutdown hook of a command that runs until it is stopped ({@code chat listen}). On SIGTERM or
 * SIGINT (Ctrl-C) it tells the command to stop, waits for the command's clean-up (closing the
 * client saves the cursors), and then ends the process with exit 0: being stopped is how such a
 * command ends normally, where the JVM would exit with 128 plus the signal's number. A command that
 * ended with an error keeps the JVM's code.
 */
final class StopOnSignal implements AutoCloseable {
  /** How long the hook waits for the command to finish after telling it to stop. */
  private static final long CLEAN_UP_SECONDS = 10;

  private final Thread hook;
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean succeeded;

  /**
   * Registers the hook: on a signal it runs {@code stop}, and once the command succeeded and closed
   * this, {@code flush} (the output is not flushed by a halt) before exiting 0.
   */
  StopOnSignal(Runnable stop, Runnable flush) {
    hook =
        new Thread(
            () -> {
              stop.run();
              try {
                if (finished.await(CLEAN_UP_SECONDS, TimeUnit.SECONDS) && succeeded) {
                  flush.run();
                  Runtime.getRuntime().halt(ExitCode.OK.code());
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "chat-stop-on-signal");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** The command did what it should: a signal that stopped it ends the process with exit 0. */
  void succeeded() {
    succeeded = true;
  }

  /** The command finished: the hook goes, or, during a shutdown, may end the process. */
  @Override
  public void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook decides the exit code
    }
  }
}
