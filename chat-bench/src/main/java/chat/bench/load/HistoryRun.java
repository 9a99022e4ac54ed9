package chat.bench.load;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * History fetch: a room of C members holding M stored messages, then R of its members each fetching
 * the newest L messages F times, one fetch after the other, all R at once. The relay reads each
 * stored envelope, opens its at-rest layer and cuts out the reader's own form (entry and audit
 * path) for every message of every fetch; a baseline returns the same number of stored items.
 */
public final class HistoryRun {
  private static final String ROOM = "#history";

  /** What to run. */
  public record Plan(
      int members, int messages, int readers, int fetches, int warmupFetches, int limit) {}

  private final Target target;
  private final Plan plan;
  private final int payloadBytes;
  private final PrintStream progress;

  /** A run of {@code plan} on {@code target}, messages of about {@code payloadBytes} of text. */
  public HistoryRun(Target target, Plan plan, int payloadBytes, PrintStream progress) {
    this.target = target;
    this.plan = plan;
    this.payloadBytes = payloadBytes;
    this.progress = progress;
  }

  /** Starts the target, runs the plan, stops the target. */
  public HistoryResult run() throws Exception {
    progress.printf("%s: starting the server%n", target.name());
    target.start();
    try {
      Deliveries sink = new Deliveries();
      List<BenchClient> members =
          Connector.connectAll(target, plan.members(), ROOM, sink, progress);
      List<BenchClient> readers = new ArrayList<>(plan.readers());
      for (int r = 0; r < plan.readers(); r++) {
        readers.add(target.senderFor(r, members.get(r), sink).join());
      }
      long start = System.nanoTime();
      progress.printf("%s: storing %d messages%n", target.name(), plan.messages());
      target.storeHistory(readers.get(0), ROOM, plan.members(), plan.messages(), payloadBytes);
      // A member's connection answers a ping after the frames queued to it before, so once every
      // member has answered, the stored messages' fan-out is over and stays out of the measurement.
      for (BenchClient member : members) {
        member.ping().orTimeout(60, TimeUnit.SECONDS).join();
      }
      progress.printf(
          "%s: stored and fanned out in %.1f s%n",
          target.name(), (System.nanoTime() - start) / 1e9);
      if (plan.warmupFetches() > 0) {
        progress.printf("%s: warming up%n", target.name());
        phase(readers, plan.warmupFetches());
      }
      progress.printf("%s: measuring%n", target.name());
      target.measuring();
      long errorsBefore = sink.errors();
      ProcessStats serverBefore = target.server().stats();
      ProcessStats selfBefore = ProcessStats.self();
      Phase measured = phase(readers, plan.fetches());
      ProcessStats serverAfter = target.server().stats();
      ProcessStats selfAfter = ProcessStats.self();
      if (sink.errors() > errorsBefore || measured.errors().get() > 0) {
        progress.printf(
            "%s: %d fetches failed; first error: %s%n",
            target.name(),
            measured.errors().get(),
            sink.firstError().isEmpty() ? measured.firstError().get() : sink.firstError());
      }
      Connector.closeAll(readers);
      Connector.closeAll(members);
      return new HistoryResult(
          target.name(),
          plan.members(),
          plan.messages(),
          measured.answered().get(),
          (long) plan.readers() * plan.fetches(),
          measured.fewest().get() == Integer.MAX_VALUE ? 0 : measured.fewest().get(),
          measured.seconds(),
          measured.latency().percentileMicros(50),
          measured.latency().percentileMicros(99),
          measured.latency().maxMicros(),
          serverAfter.cpuSecondsSince(serverBefore),
          serverAfter.rssBytes(),
          selfAfter.cpuSecondsSince(selfBefore),
          measured.errors().get());
    } finally {
      target.close();
    }
  }

  /** What one phase of fetches gave. */
  private record Phase(
      LatencyHistogram latency,
      AtomicLong answered,
      AtomicLong errors,
      AtomicReference<String> firstError,
      AtomicInteger fewest,
      double seconds) {}

  /**
   * Each reader fetches {@code perReader} times, one after the other, all readers at once; a reader
   * whose fetch failed stops there, its fetches left counting as failed.
   */
  private Phase phase(List<BenchClient> readers, int perReader) {
    LatencyHistogram latency = new LatencyHistogram();
    AtomicLong answered = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicReference<String> firstError = new AtomicReference<>("");
    AtomicInteger fewest = new AtomicInteger(Integer.MAX_VALUE);
    long start = System.nanoTime();
    List<CompletableFuture<Void>> done = new ArrayList<>(readers.size());
    for (BenchClient reader : readers) {
      CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
      AtomicInteger left = new AtomicInteger(perReader);
      for (int f = 0; f < perReader; f++) {
        chain =
            chain.thenCompose(
                ignored -> {
                  left.decrementAndGet();
                  long sent = System.nanoTime();
                  return target
                      .fetchHistory(reader, ROOM, plan.limit())
                      .<Void>handle(
                          (count, failure) -> {
                            if (failure != null) {
                              errors.addAndGet(1 + left.getAndSet(0));
                              firstError.compareAndSet("", String.valueOf(failure.getMessage()));
                              throw new CompletionException(failure);
                            } else {
                              latency.record(System.nanoTime() - sent);
                              answered.incrementAndGet();
                              fewest.accumulateAndGet(count, Math::min);
                            }
                            return null;
                          });
                });
      }
      done.add(chain.exceptionally(failure -> null));
    }
    CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
    return new Phase(
        latency, answered, errors, firstError, fewest, (System.nanoTime() - start) / 1e9);
  }
}
