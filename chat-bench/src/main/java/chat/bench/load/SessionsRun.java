package chat.bench.load;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Held sessions: with the accounts made beforehand, open N sessions (logged in, in the default
 * room), wait until the server is quiet, and measure what the sessions cost in resident memory;
 * then send one ping on each and time the answers.
 */
public final class SessionsRun {
  private final Target target;
  private final int sessions;
  private final long quietMillis;
  private final long idleMillis;
  private final int holdSeconds;
  private final PrintStream progress;

  /**
   * A run of {@code sessions} sessions on {@code target}: memory is sampled once the server is
   * quiet and again after {@code idleMillis} more; the sessions stay {@code holdSeconds} at the
   * end.
   */
  public SessionsRun(
      Target target,
      int sessions,
      long quietMillis,
      long idleMillis,
      int holdSeconds,
      PrintStream progress) {
    this.target = target;
    this.sessions = sessions;
    this.quietMillis = quietMillis;
    this.idleMillis = idleMillis;
    this.holdSeconds = holdSeconds;
    this.progress = progress;
  }

  /** Starts the target, holds the sessions, pings them, stops the target. */
  public SessionsResult run() throws Exception {
    progress.printf("%s: starting the server%n", target.name());
    target.start();
    try {
      target.prepareUsers(sessions);
      Thread.sleep(Math.max(quietMillis, idleMillis));
      long before = target.server().stats().rssBytes();
      long beforeCollected = target.rssAfterCollection();
      target.memoryDetail("before");
      Deliveries sink = new Deliveries();
      target.measuring();
      ProcessStats cpuBefore = target.server().stats();
      long start = System.nanoTime();
      List<BenchClient> held = Connector.connectAll(target, sessions, null, sink, progress);
      long droppedAttempts = sink.disconnects();
      progress.printf("%s: %d sessions up; waiting until quiet%n", target.name(), held.size());
      Quiet.await(sink::otherEvents, quietMillis, TimeUnit.MINUTES.toMillis(30));
      double setup = (System.nanoTime() - start) / 1e9 - quietMillis / 1000.0;
      ProcessStats cpuAfter = target.server().stats();
      long quiet = cpuAfter.rssBytes();
      progress.printf("%s: quiet; idle for %d s%n", target.name(), idleMillis / 1000);
      Thread.sleep(idleMillis);
      long idle = target.server().stats().rssBytes();
      long afterCollected = target.rssAfterCollection();
      target.memoryDetail("after");
      LatencyHistogram pings = new LatencyHistogram();
      long failures = ping(held, pings) + sink.disconnects() - droppedAttempts;
      if (holdSeconds > 0) {
        progress.printf(
            "%s: holding %d sessions for %d s (pid %d)%n",
            target.name(), held.size(), holdSeconds, target.server().pid());
        Thread.sleep(holdSeconds * 1000L);
      }
      Connector.closeAll(held);
      return new SessionsResult(
          target.name(),
          sessions,
          before,
          quiet,
          idle,
          beforeCollected,
          afterCollected,
          setup,
          cpuAfter.cpuSecondsSince(cpuBefore),
          sink.otherEvents(),
          pings.count(),
          pings.percentileMicros(50),
          pings.percentileMicros(99),
          pings.maxMicros(),
          failures);
    } finally {
      target.close();
    }
  }

  /** Pings every session at once; returns how many did not answer within a minute. */
  static long ping(List<BenchClient> clients, LatencyHistogram into) throws InterruptedException {
    List<CompletableFuture<Long>> answers = new ArrayList<>(clients.size());
    for (BenchClient client : clients) {
      answers.add(client.ping().whenComplete((nanos, failure) -> record(into, nanos)));
    }
    long failed = 0;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    for (CompletableFuture<Long> answer : answers) {
      try {
        answer.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (CompletionException | java.util.concurrent.ExecutionException | TimeoutException e) {
        failed++;
      }
    }
    return failed;
  }

  private static void record(LatencyHistogram into, Long nanos) {
    if (nanos != null) {
      into.record(nanos);
    }
  }
}
