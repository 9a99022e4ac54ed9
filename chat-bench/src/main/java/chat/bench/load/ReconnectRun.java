package chat.bench.load;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
      Connector.Outcome storm = Connector.connect(target, sessions, null, sink, progress);
      List<BenchClient> back = storm.clients();
      long failures = storm.failures();
      long droppedAttempts = sink.disconnects();
      double stormSeconds = (storm.lastReadyNanos() - start) / 1e9;
      progress.printf(
          "%s: %d of %d back in %.1f s (%d retries); waiting until quiet%n",
          target.name(), back.size(), sessions, stormSeconds, storm.retries());
      Quiet.await(sink::otherEvents, quietMillis, TimeUnit.MINUTES.toMillis(30));
      double quietSeconds = (System.nanoTime() - start) / 1e9 - quietMillis / 1000.0;
      ProcessStats cpuAfter = target.server().stats();
      LatencyHistogram pings = new LatencyHistogram();
      failures += SessionsRun.ping(back, pings) + sink.disconnects() - droppedAttempts;
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
          storm.retries(),
          failures);
    } finally {
      target.close();
    }
  }
}
