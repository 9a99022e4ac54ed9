package chat.bench.load;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Connects many users to a target, a bounded number at a time, and reports progress. A connection
 * the server drops before it is ready (a full listen backlog drops the handshake's last packet) is
 * tried again, as a client would, up to {@link #ATTEMPTS} times, and so is one that is not ready
 * within {@link #ATTEMPT_SECONDS}; the retries are counted.
 */
final class Connector {
  /** Attempts per user before a connection counts as failed. */
  static final int ATTEMPTS = 5;

  /** How long one attempt may take before it is given up and tried again. */
  static final long ATTEMPT_SECONDS = 120;

  private Connector() {}

  /** What connecting many users gave. */
  record Outcome(List<BenchClient> clients, long retries, long failures, long lastReadyNanos) {}

  /**
   * Connects users {@code 0 .. count-1} (receiver index = user) into {@code room}; returns them in
   * user order.
   *
   * @throws IllegalStateException if any user could not connect
   */
  static List<BenchClient> connectAll(
      Target target, int count, String room, Deliveries sink, PrintStream progress) {
    Outcome outcome = connect(target, count, room, sink, progress);
    if (outcome.failures() > 0) {
      throw new IllegalStateException(
          target.name() + ": " + outcome.failures() + " connections failed");
    }
    if (outcome.retries() > 0) {
      progress.printf(
          "  %s: %d connections needed another try%n", target.name(), outcome.retries());
    }
    return outcome.clients();
  }

  /** Connects users {@code 0 .. count-1}, retrying; the clients list has no failed users. */
  static Outcome connect(
      Target target, int count, String room, Deliveries sink, PrintStream progress) {
    BenchClient[] ready = new BenchClient[count];
    AtomicLong lastReady = new AtomicLong(System.nanoTime());
    List<Integer> pending = new ArrayList<>();
    for (int user = 0; user < count; user++) {
      pending.add(user);
    }
    long retries = 0;
    long start = System.nanoTime();
    for (int attempt = 1; attempt <= ATTEMPTS && !pending.isEmpty(); attempt++) {
      if (attempt > 1) {
        retries += pending.size();
      }
      List<CompletableFuture<BenchClient>> futures = new ArrayList<>(pending.size());
      for (int i = 0; i < pending.size(); i++) {
        int user = pending.get(i);
        futures.add(
            target
                .connect(user, room, user, sink)
                .orTimeout(ATTEMPT_SECONDS, TimeUnit.SECONDS)
                .whenComplete(
                    (client, failure) -> lastReady.accumulateAndGet(System.nanoTime(), Math::max)));
        if (attempt == 1 && (i + 1) % 1000 == 0) {
          progress.printf(
              "  %s: %d connections started (%.1f s)%n",
              target.name(), i + 1, (System.nanoTime() - start) / 1e9);
        }
      }
      List<Integer> failed = new ArrayList<>();
      for (int i = 0; i < futures.size(); i++) {
        try {
          ready[pending.get(i)] = futures.get(i).join();
        } catch (CompletionException e) {
          failed.add(pending.get(i));
        }
      }
      pending = failed;
    }
    List<BenchClient> clients = new ArrayList<>(count);
    for (BenchClient client : ready) {
      if (client != null) {
        clients.add(client);
      }
    }
    return new Outcome(clients, retries, pending.size(), lastReady.get());
  }

  /** Closes every client. */
  static void closeAll(List<? extends BenchClient> clients) {
    for (BenchClient client : clients) {
      client.close();
    }
  }
}
