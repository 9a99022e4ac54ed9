package chat.bench.load;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Connects many users to a target, a bounded number at a time, and reports progress. */
final class Connector {
  private Connector() {}

  /**
   * Connects users {@code 0 .. count-1} (receiver index = user) into {@code room}; returns them in
   * user order.
   *
   * @throws IllegalStateException if any connection fails
   */
  static List<BenchClient> connectAll(
      Target target, int count, String room, Deliveries sink, PrintStream progress) {
    List<CompletableFuture<BenchClient>> pending = new ArrayList<>(count);
    long start = System.nanoTime();
    for (int user = 0; user < count; user++) {
      pending.add(target.connect(user, room, user, sink));
      if ((user + 1) % 1000 == 0) {
        progress.printf(
            "  %s: %d connections started (%.1f s)%n",
            target.name(), user + 1, (System.nanoTime() - start) / 1e9);
      }
    }
    List<BenchClient> out = new ArrayList<>(count);
    for (CompletableFuture<BenchClient> future : pending) {
      try {
        out.add(future.join());
      } catch (CompletionException e) {
        throw new IllegalStateException(
            target.name() + ": a connection failed: " + e.getCause(), e.getCause());
      }
    }
    return out;
  }

  /** Closes every client. */
  static void closeAll(List<? extends BenchClient> clients) {
    for (BenchClient client : clients) {
      client.close();
    }
  }
}
