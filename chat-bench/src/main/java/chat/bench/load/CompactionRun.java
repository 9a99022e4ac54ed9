package chat.bench.load;

import chat.crypto.Bytes;
import chat.protocol.GroupCreateRequest;
import chat.protocol.GroupDisbandRequest;
import chat.protocol.GroupReply;
import chat.protocol.JoinReply;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The envelope log's compaction, on the relay alone: a group's messages interleaved with a room's
 * fill its segments; the group is disbanded, which leaves them mostly zeros; the relay then moves
 * what is left of each to the end of the log and deletes it. Measured: one member's sends to the
 * room, one after the other, before the disband (the baseline), right after it (while the relay
 * erases and compacts) and once it is done; and the size of {@code envelopes/} over time.
 */
public final class CompactionRun {
  private static final String ROOM = "#compaction";
  private static final String GROUP = "#compaction-group";

  /** Stop waiting for {@code envelopes/} to shrink after it stayed the same this long. */
  private static final long SETTLED_NANOS = TimeUnit.SECONDS.toNanos(3);

  private static final long GIVE_UP_NANOS = TimeUnit.MINUTES.toNanos(5);

  /**
   * What to run.
   *
   * @param messages messages stored in the group and as many in the room, alternately
   * @param groupBytes text of each group message
   * @param roomBytes text of each room message
   * @param sends measured sends per phase
   * @param sendBytes text of each measured send
   */
  public record Plan(int messages, int groupBytes, int roomBytes, int sends, int sendBytes) {}

  /** One phase of measured sends. */
  public record Phase(
      String name, long sends, long p50Micros, long p99Micros, long maxMicros, double cpuSeconds) {}

  /**
   * The run's figures.
   *
   * @param phases before the disband, right after it, after compaction
   * @param bytesBefore the size of {@code envelopes/} before the disband
   * @param bytesAfter its size once it stopped shrinking
   * @param shrinkSeconds from the disband's reply until that size last went down (0: never)
   * @param settled whether it stopped shrinking before the run gave up waiting
   */
  public record Result(
      List<Phase> phases,
      long bytesBefore,
      long bytesAfter,
      double shrinkSeconds,
      boolean settled) {}

  private final RelayTarget target;
  private final Plan plan;
  private final PrintStream progress;

  /** A run of {@code plan} on {@code target}. */
  public CompactionRun(RelayTarget target, Plan plan, PrintStream progress) {
    this.target = target;
    this.plan = plan;
    this.progress = progress;
  }

  /** Starts the relay, runs the plan, stops the relay. */
  public Result run() throws Exception {
    progress.printf("%s: starting the server%n", target.name());
    target.start();
    try {
      Deliveries sink = new Deliveries();
      List<BenchClient> members = Connector.connectAll(target, 2, ROOM, sink, progress);
      RelayClient sender = (RelayClient) members.get(0);
      sender.expect(new GroupCreateRequest(sender.nextId(), GROUP), JoinReply.class).join();
      progress.printf("%s: sealing%n", target.name());
      Bytes[] group = target.seal(GROUP, 0, 1, plan.messages(), plan.groupBytes());
      Bytes[] room = target.seal(ROOM, 0, 2, plan.messages(), plan.roomBytes());
      Bytes[] small = target.seal(ROOM, 0, 2, 4 * plan.sends(), plan.sendBytes());
      progress.printf("%s: storing%n", target.name());
      for (int k = 0; k < plan.messages(); k++) {
        RelayTarget.send(sender, GROUP, group[k]).join();
        RelayTarget.send(sender, ROOM, room[k]).join();
      }
      Path envelopes = target.dataDir().resolve("envelopes");
      int next = 0;
      sends(sender, small, next, plan.sends()); // warm-up
      next += plan.sends();
      List<Phase> phases = new ArrayList<>();
      progress.printf("%s: measuring%n", target.name());
      phases.add(sends("before the disband", sender, small, next));
      next += plan.sends();
      long before = bytes(envelopes);
      sender.expect(new GroupDisbandRequest(sender.nextId(), GROUP), GroupReply.class).join();
      Shrinking shrinking = new Shrinking(envelopes, before);
      Thread watcher = new Thread(shrinking, "envelopes-watcher");
      watcher.start();
      phases.add(sends("right after the disband", sender, small, next));
      next += plan.sends();
      watcher.join();
      if (shrinking.failure != null) {
        throw shrinking.failure;
      }
      phases.add(sends("after compaction", sender, small, next));
      return new Result(
          phases, before, shrinking.size, shrinking.lastShrinkSeconds(), shrinking.settled);
    } finally {
      target.close();
    }
  }

  /**
   * Watches the size of {@code envelopes/} from the disband on, every 20 ms, until it has stayed
   * the same for {@link #SETTLED_NANOS} or the run gives up waiting.
   */
  private static final class Shrinking implements Runnable {
    private final Path folder;
    private final long start = System.nanoTime();
    private volatile long size;
    private volatile long lastChange = start;
    private volatile long lastShrink = start;
    private volatile boolean settled;
    private volatile IOException failure;

    Shrinking(Path folder, long size) {
      this.folder = folder;
      this.size = size;
    }

    /** When it last got smaller, in seconds from the disband's reply; 0 if it never did. */
    double lastShrinkSeconds() {
      return (lastShrink - start) / 1e9;
    }

    @Override
    public void run() {
      try {
        long now = System.nanoTime();
        while (now - lastChange < SETTLED_NANOS && now - start < GIVE_UP_NANOS) {
          Thread.sleep(20);
          long current = bytes(folder);
          now = System.nanoTime();
          if (current != size) {
            if (current < size) {
              lastShrink = now;
            }
            size = current;
            lastChange = now;
          }
        }
        settled = now - lastChange >= SETTLED_NANOS;
      } catch (IOException e) {
        failure = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private Phase sends(String name, RelayClient sender, Bytes[] envelopes, int from)
      throws IOException {
    ProcessStats serverBefore = target.server().stats();
    LatencyHistogram latency = sends(sender, envelopes, from, plan.sends());
    ProcessStats serverAfter = target.server().stats();
    return new Phase(
        name,
        latency.count(),
        latency.percentileMicros(50),
        latency.percentileMicros(99),
        latency.maxMicros(),
        serverAfter.cpuSecondsSince(serverBefore));
  }

  /** Sends {@code count} envelopes from {@code from} on, each once the one before was stored. */
  private static LatencyHistogram sends(
      RelayClient sender, Bytes[] envelopes, int from, int count) {
    LatencyHistogram latency = new LatencyHistogram();
    for (int k = from; k < from + count; k++) {
      long start = System.nanoTime();
      RelayTarget.send(sender, ROOM, envelopes[k]).join();
      latency.record(System.nanoTime() - start);
    }
    return latency;
  }

  /** The bytes the segment files in {@code folder} take. */
  private static long bytes(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      long total = 0;
      for (Path file : (Iterable<Path>) files::iterator) {
        if (file.getFileName().toString().endsWith(".seg")) {
          try {
            total += Files.size(file);
          } catch (NoSuchFileException deletedMeanwhile) {
            // compacted away while the folder was listed
          }
        }
      }
      return total;
    }
  }
}
