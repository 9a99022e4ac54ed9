package chat.bench.load;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one {@link FanoutPlan} against one target: start the server, connect and join every member,
 * encode (for the relay: seal) every message before the clock starts, send the warm-up and then the
 * measured messages, paced or windowed, wait for their deliveries, and measure.
 */
public final class FanoutRun {
  /** The room every fan-out run uses. */
  public static final String ROOM = "#bench";

  private final Target target;
  private final FanoutPlan plan;
  private final PrintStream progress;
  private BenchClient[] senders;
  private byte[][] encoded;
  private volatile Phase phase;

  /** One batch of messages sent and tracked together. */
  private record Phase(
      int offset, int perSender, DeliveryTracker tracker, AtomicIntegerArray nextOrdinal) {}

  /** A run of {@code plan} on {@code target}, reporting progress to {@code progress}. */
  public FanoutRun(Target target, FanoutPlan plan, PrintStream progress) {
    this.target = target;
    this.plan = plan;
    this.progress = progress;
  }

  /** Starts the target, runs the plan, stops the target. */
  public FanoutResult run() throws Exception {
    progress.printf("%s: starting the server%n", target.name());
    target.start();
    try {
      Deliveries sink = new Deliveries();
      List<BenchClient> members =
          Connector.connectAll(target, plan.clients(), ROOM, sink, progress);
      senders = new BenchClient[plan.senders()];
      for (int s = 0; s < plan.senders(); s++) {
        senders[s] = target.senderFor(s, members.get(s), sink).join();
      }
      prepare();
      if (plan.warmupPerSender() > 0) {
        progress.printf("%s: warming up%n", target.name());
        runPhase(0, plan.warmupPerSender(), sink);
      }
      progress.printf("%s: measuring%n", target.name());
      target.measuring();
      long errorsBefore = sink.errors();
      long disconnectsBefore = sink.disconnects();
      ProcessStats serverBefore = target.server().stats();
      ProcessStats selfBefore = ProcessStats.self();
      long lag = runPhase(plan.warmupMessages(), plan.messagesPerSender(), sink);
      ProcessStats serverAfter = target.server().stats();
      ProcessStats selfAfter = ProcessStats.self();
      DeliveryTracker tracker = phase.tracker();
      sink.track(null);
      Connector.closeAll(members);
      for (BenchClient sender : senders) {
        sender.close();
      }
      if (sink.errors() > errorsBefore) {
        progress.printf("%s: first error: %s%n", target.name(), sink.firstError());
      }
      LatencyHistogram latency = tracker.latency();
      return new FanoutResult(
          target.name(),
          plan.messages(),
          tracker.expected(),
          tracker.delivered(),
          tracker.duplicates(),
          sink.errors() - errorsBefore + tracker.unknownDeliveries(),
          sink.disconnects() - disconnectsBefore,
          tracker.spanNanos() / 1e9,
          latency.percentileMicros(50),
          latency.percentileMicros(99),
          latency.maxMicros(),
          serverAfter.cpuSecondsSince(serverBefore),
          serverAfter.rssBytes(),
          selfAfter.cpuSecondsSince(selfBefore),
          lag,
          target.carriesSequenceNumbers() ? tracker.reorderedDeliveries() : -1);
    } finally {
      target.close();
    }
  }

  private void prepare() {
    int n = plan.warmupMessages() + plan.messages();
    int[] from = new int[n];
    String[] texts = new String[n];
    for (int k = 0; k < n; k++) {
      from[k] = k % plan.senders();
      texts[k] = TextPayload.text(k, plan.payloadBytes());
    }
    long start = System.nanoTime();
    progress.printf("%s: encoding %d messages%n", target.name(), n);
    encoded = target.encodeMessages(ROOM, plan.clients(), from, texts);
    progress.printf("%s: encoded in %.1f s%n", target.name(), (System.nanoTime() - start) / 1e9);
  }

  /**
   * Sends {@code perSender} messages per sender from index {@code offset} and waits for their
   * deliveries; returns how far the generator fell behind a fixed schedule, in µs.
   */
  private long runPhase(int offset, int perSender, Deliveries sink) throws InterruptedException {
    DeliveryTracker tracker =
        new DeliveryTracker(
            offset,
            perSender * plan.senders(),
            plan.clients(),
            target.deliveriesPerMessage(plan.clients()),
            this::completed);
    phase = new Phase(offset, perSender, tracker, new AtomicIntegerArray(plan.senders()));
    sink.track(tracker);
    long lag = plan.ratePerSecond() > 0 ? paced() : windowed();
    awaitDeliveries(tracker);
    return lag;
  }

  private void send(int k, long originNanos) {
    phase.tracker().sent(k, originNanos);
    senders[k % plan.senders()].write(encoded[k]);
  }

  private long paced() {
    Phase current = phase;
    long interval = (long) (1e9 / plan.ratePerSecond());
    long start = System.nanoTime() + 10_000_000;
    long maxLag = 0;
    int count = current.perSender() * plan.senders();
    for (int i = 0; i < count; i++) {
      long due = start + i * interval;
      long now;
      while ((now = System.nanoTime()) < due) {
        LockSupport.parkNanos(due - now);
      }
      maxLag = Math.max(maxLag, now - due);
      send(current.offset() + i, due);
    }
    return maxLag / 1000;
  }

  private long windowed() {
    Phase current = phase;
    int first = Math.min(plan.window(), current.perSender());
    for (int s = 0; s < plan.senders(); s++) {
      current.nextOrdinal().set(s, first);
    }
    for (int ordinal = 0; ordinal < first; ordinal++) {
      for (int s = 0; s < plan.senders(); s++) {
        send(current.offset() + ordinal * plan.senders() + s, System.nanoTime());
      }
    }
    return 0;
  }

  private void completed(int k) {
    Phase current = phase;
    if (plan.ratePerSecond() > 0) {
      return;
    }
    int s = k % plan.senders();
    int ordinal = current.nextOrdinal().getAndIncrement(s);
    if (ordinal < current.perSender()) {
      send(current.offset() + ordinal * plan.senders() + s, System.nanoTime());
    }
  }

  private void awaitDeliveries(DeliveryTracker tracker) throws InterruptedException {
    long lastCount = -1;
    long lastProgress = System.nanoTime();
    long lastReport = lastProgress;
    while (tracker.delivered() < tracker.expected()) {
      Thread.sleep(20);
      long now = System.nanoTime();
      long count = tracker.delivered();
      if (count != lastCount) {
        lastCount = count;
        lastProgress = now;
      } else if (now - lastProgress > plan.drain().toNanos()) {
        progress.printf(
            "%s: no delivery for %d s; counting the rest as lost%n",
            target.name(), plan.drain().toSeconds());
        return;
      }
      if (now - lastReport > 5_000_000_000L) {
        lastReport = now;
        progress.printf("%s: %d of %d deliveries%n", target.name(), count, tracker.expected());
      }
    }
  }

  /** Runs {@code plan} on each target in turn. */
  public static List<FanoutResult> runAll(
      List<Target> targets, FanoutPlan plan, PrintStream progress) throws Exception {
    List<FanoutResult> out = new ArrayList<>();
    for (Target target : targets) {
      out.add(new FanoutRun(target, plan, progress).run());
    }
    return out;
  }
}
