package chat.cli.client.internal;

import chat.crypto.IdentityKeyPair;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * A key file's unlock run on a thread of its own while the caller opens the relay connection: the
 * unlock (Argon2id) and the connection's TLS set-up are the two longest steps of a one-shot
 * command's start, and a started JVM has two processors for them. The caller waits for the unlock
 * before it sends anything that proves the session, so a wrong passphrase is still refused before
 * the relay hears of the session.
 */
final class BackgroundUnlock {
  private final FutureTask<Optional<IdentityKeyPair>> task;

  private BackgroundUnlock(Supplier<Optional<IdentityKeyPair>> unlock) {
    this.task = new FutureTask<>(unlock::get);
  }

  /** Starts {@code unlock} on a daemon thread. */
  static BackgroundUnlock start(Supplier<Optional<IdentityKeyPair>> unlock) {
    BackgroundUnlock running = new BackgroundUnlock(unlock);
    Thread thread = new Thread(running.task, "chat-key-unlock");
    thread.setDaemon(true);
    thread.start();
    return running;
  }

  /**
   * What the unlock returned, once it finished.
   *
   * @throws RuntimeException what the unlock threw, as it threw it
   */
  Optional<IdentityKeyPair> await() {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          interrupted = true; // the passphrase must not be wiped while the unlock reads it
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException runtime) {
            throw runtime;
          }
          if (cause instanceof Error error) {
            throw error;
          }
          throw new IllegalStateException(cause);
        } catch (CancellationException e) {
          throw new IllegalStateException("the key unlock was cancelled", e);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * For a caller that failed meanwhile: waits for the unlock, throws its failure if it had one (it
   * takes precedence, as it did when the unlock came first), else destroys the unlocked keys.
   */
  void discard() {
    await().ifPresent(IdentityKeyPair::destroy);
  }
}
