package chat.cli.command;

import chat.cli.client.ChatClient;
import chat.cli.client.SessionView;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * The session ids {@code /sessions end ID} completes to: the account's other sessions as the relay
 * lists them ({@link ChatClient#sessions()}), never this client's own, most recently used first.
 *
 * <p>The list is asked for on demand, on a thread of its own, so that the screen never waits on the
 * relay for long: a completion waits at most {@link #WAIT_MILLIS} for the answer, and if it is not
 * there yet offers what an earlier answer listed (nothing the first time); the answer is kept when
 * it comes, so Tab again offers it. An answer is reused for {@link #FRESH_MILLIS}, then asked for
 * again. A failed request (not logged in, an older relay, no connection) offers nothing.
 * Thread-safe.
 */
final class SessionIdCompletion {
  /** How long a completion waits for the relay's answer. */
  static final long WAIT_MILLIS = 250;

  /** How long an answer is reused before the relay is asked again. */
  static final long FRESH_MILLIS = 5_000;

  /** One answer: the other sessions' ids of {@code username}'s account, and when it came. */
  private record Listed(String username, List<String> ids, long atNanos) {}

  private final ChatClient client;
  private final Executor executor;
  private final LongSupplier nanoTime;
  private final long waitMillis;
  private Listed listed; // guarded by this
  private CompletableFuture<Listed> asking; // guarded by this

  /**
   * Ids listed through {@code client}, asked for on {@code executor}.
   *
   * @param nanoTime the clock that ages answers
   * @param waitMillis how long a completion waits for an answer
   */
  SessionIdCompletion(
      ChatClient client, Executor executor, LongSupplier nanoTime, long waitMillis) {
    this.client = Objects.requireNonNull(client, "client");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    if (waitMillis < 0) {
      throw new IllegalArgumentException("waitMillis must not be negative: " + waitMillis);
    }
    this.waitMillis = waitMillis;
  }

  /** Ids asked for on a daemon thread started for each request, waiting {@link #WAIT_MILLIS}. */
  static SessionIdCompletion standard(ChatClient client) {
    Executor thread =
        task -> {
          Thread asker = new Thread(task, "chat-session-ids");
          asker.setDaemon(true);
          asker.start();
        };
    return new SessionIdCompletion(client, thread, System::nanoTime, WAIT_MILLIS);
  }

  /** The other sessions' ids that start with {@code typed}, ignoring case. */
  List<String> ids(String typed) {
    Optional<String> user = client.username();
    if (user.isEmpty()) {
      return List.of();
    }
    String username = user.get();
    Listed known;
    CompletableFuture<Listed> pending;
    synchronized (this) {
      known = listed != null && listed.username().equals(username) ? listed : null;
      if (known != null && nanoTime.getAsLong() - known.atNanos() < FRESH_MILLIS * 1_000_000L) {
        return matching(known.ids(), typed);
      }
      pending = asking;
      if (pending == null) {
        CompletableFuture<Listed> request =
            CompletableFuture.supplyAsync(() -> ask(username), executor);
        asking = request;
        request.thenAccept(answer -> settle(request, answer));
        pending = request;
      }
    }
    Listed answer = await(pending);
    if (answer != null && answer.username().equals(username)) {
      return matching(answer.ids(), typed);
    }
    return known == null ? List.of() : matching(known.ids(), typed);
  }

  private synchronized void settle(CompletableFuture<Listed> request, Listed answer) {
    if (asking == request) {
      asking = null;
    }
    listed = answer;
  }

  private Listed ask(String username) {
    List<String> ids = new ArrayList<>();
    try {
      for (SessionView session : client.sessions()) {
        if (!session.current()) {
          ids.add(session.id());
        }
      }
    } catch (RuntimeException e) { // logged out meanwhile, an older relay, the network: no ids
      ids.clear();
    }
    return new Listed(username, List.copyOf(ids), nanoTime.getAsLong());
  }

  private Listed await(CompletableFuture<Listed> pending) {
    try {
      return pending.get(waitMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException | TimeoutException e) {
      return null; // still on its way: Tab again offers what it lists
    }
  }

  private static List<String> matching(List<String> ids, String typed) {
    List<String> out = new ArrayList<>();
    for (String id : ids) {
      if (id.regionMatches(true, 0, typed, 0, typed.length())) {
        out.add(id);
      }
    }
    return out;
  }
}
