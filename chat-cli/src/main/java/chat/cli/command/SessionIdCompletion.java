package chat.cli.command;

import chat.cli.client.ChatClient;
import chat.cli.client.SessionView;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * The session ids {@code /sessions end ID} completes to: the account's other sessions as the relay
 * lists them ({@link ChatClient#sessions()}), never this client's own, most recently used first.
 *
 * <p>A completion never waits for the relay: the screen's thread asks for it, and a Tab must not
 * hold the screen. It offers the list the last answer gave (nothing before the first answer) and,
 * when there is none yet or it is older than {@link #FRESH_MILLIS}, asks the relay again on a
 * thread of its own ({@link #refresh}); the answer is kept when it comes, so Tab again offers it. A
 * failed request (not logged in, an older relay, no connection) lists nothing. Thread-safe.
 */
final class SessionIdCompletion {
  /** How long an answer is reused before the relay is asked again. */
  static final long FRESH_MILLIS = 5_000;

  /** One answer: the other sessions' ids of {@code username}'s account, and when it came. */
  private record Listed(String username, List<String> ids, long atNanos) {}

  private final ChatClient client;
  private final Executor executor;
  private final LongSupplier nanoTime;
  private Listed listed; // guarded by this
  private boolean asking; // guarded by this

  /**
   * Ids listed through {@code client}, asked for on {@code executor}.
   *
   * @param nanoTime the clock that ages answers
   */
  SessionIdCompletion(ChatClient client, Executor executor, LongSupplier nanoTime) {
    this.client = Objects.requireNonNull(client, "client");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  /** Ids asked for on a daemon thread started for each request. */
  static SessionIdCompletion standard(ChatClient client) {
    Executor thread =
        task -> {
          Thread asker = new Thread(task, "chat-session-ids");
          asker.setDaemon(true);
          asker.start();
        };
    return new SessionIdCompletion(client, thread, System::nanoTime);
  }

  /**
   * The other sessions' ids known now that start with {@code typed}, ignoring case; asks the relay
   * again in the background where they are missing or stale. Never waits for the answer.
   */
  List<String> ids(String typed) {
    Optional<String> user = client.username();
    if (user.isEmpty()) {
      return List.of();
    }
    refresh(user.get());
    return known(user.get()).map(ids -> matching(ids, typed)).orElse(List.of());
  }

  /**
   * Asks the relay for the list in the background, unless a fresh one is known or a request is on
   * its way, so that a coming Tab finds it; returns at once.
   */
  void refresh() {
    client.username().ifPresent(this::refresh);
  }

  private synchronized void refresh(String username) {
    boolean fresh =
        listed != null
            && listed.username().equals(username)
            && nanoTime.getAsLong() - listed.atNanos() < FRESH_MILLIS * 1_000_000L;
    if (fresh || asking) {
      return;
    }
    asking = true;
    try {
      executor.execute(() -> settle(ask(username)));
    } catch (RuntimeException e) { // no thread to ask on: asked again at the next Tab
      asking = false;
    }
  }

  private synchronized Optional<List<String>> known(String username) {
    return listed != null && listed.username().equals(username)
        ? Optional.of(listed.ids())
        : Optional.empty();
  }

  private synchronized void settle(Listed answer) {
    asking = false;
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
