package chat.bench.load;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reconnect storm: N sessions connected, the server restarted (a clean stop and a start on the same
 * data), then every session reconnects at once: on the relay by {@code resume} with its token, so
 * no password is hashed. Measures how long until every session is back and the server quiet, what
 * it cost the server, and whether any session was lost.
 */
public final class ReconnectRun {
  private final Target target;
  private final int sessions;
  private final long quietMillis;
  private final PrintStream progress;

  /** A storm of {@code sessions} sessions on {@code target}. */
  public ReconnectRun(Target target, int sessions, long quietMillis, PrintStream progress) {
    this.target = target;
    this.sessions = sessions;
    this.quietMillis = quietMillis;
    this.progress = progress;
  }

  /** Starts the target, connects, restarts it, reconnects everyone, stops the target. */
  public ReconnectResult run() throws Exception {
    progress.printf("%s: starting the server%n", target.name());
    target.start();
    try {
      target.prepareUsers(sessions);
      Deliveries before = new Deliveries();
      List<BenchClient> first = Connector.connectAll(target, sessions, null, before, progress);
      Quiet.await(before::otherEvents, quietMillis, TimeUnit.MINUTES.toMillis(30));
      progress.printf("%s: %d sessions up; restarting the server%n", target.name(), first.size());
      target.restart();
      Deliveries sink = new Deliveries();
      target.measuring();
      ProcessStats cpuBefore = target.server().stats();
      long start = System.nanoTime();
      AtomicLong lastRestored = new AtomicLong(start);
      List<CompletableFuture<BenchClient>> storm = new ArrayList<>(sessions);
      for (int user = 0; user < sessions; user++) {
        storm.add(
            target
                .connect(user, null, user, sink)
                .whenComplete(
                    (client, failure) ->
                        lastRestored.accumulateAndGet(System.nanoTime(), Math::max)));
      }
      List<BenchClient> back = new ArrayList<>(sessions);
      long failures = 0;
      for (CompletableFuture<BenchClient> reconnect : storm) {
        try {
          back.add(reconnect.join());
        } catch (RuntimeException e) {
          failures++;
        }
      }
      double stormSeconds = (lastRestored.get() - start) / 1e9;
      progress.printf(
          "%s: %d of %d back in %.1f s; waiting until quiet%n",
          target.name(), back.size(), sessions, stormSeconds);
      Quiet.await(sink::otherEvents, quietMillis, TimeUnit.MINUTES.toMillis(30));
      double quietSeconds = (System.nanoTime() - start) / 1e9 - quietMillis / 1000.0;
      ProcessStats cpuAfter = target.server().stats();
      LatencyHistogram pings = new LatencyHistogram();
      failures += SessionsRun.ping(back, pings) + sink.disconnects();
      Connector.closeAll(back);
      return new ReconnectResult(
          target.name(),
          sessions,
          back.size(),
          stormSeconds,
          quietSeconds,
          cpuAfter.cpuSecondsSince(cpuBefore),
          sink.otherEvents(),
          pings.count(),
          target.passwordChecksSinceStart(),
          failures);
    } finally {
      target.close();
    }
  }
}
