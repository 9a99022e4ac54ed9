package chat.bench.load;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code loadgen fanout}: one room, many members, some senders; the relay against baselines. */
@Command(
    name = "fanout",
    mixinStandardHelpOptions = true,
    description = "Room fan-out: C members, S senders x M messages, paced or windowed.")
public final class FanoutCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(
      names = "--targets",
      split = ",",
      defaultValue = "relay,ngircd,redis,redis-tls",
      description =
          "Systems to run, in order, of relay, relay-json (wire version 1 clients), ngircd, redis,"
              + " redis-tls; ratios are against the first. A list repeated runs in rounds"
              + " (relay,ngircd,relay,ngircd), each compared within itself (default:"
              + " ${DEFAULT-VALUE}).")
  List<String> targets;

  @Option(
      names = {"-c", "--clients"},
      defaultValue = "1000",
      description = "Room members.")
  int clients;

  @Option(
      names = {"-s", "--senders"},
      defaultValue = "10",
      description = "Senders (members too).")
  int senders;

  @Option(
      names = {"-m", "--messages"},
      defaultValue = "50",
      description = "Messages per sender.")
  int messages;

  @Option(
      names = "--warmup",
      defaultValue = "20",
      description = "Unmeasured messages per sender first (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = {"-r", "--rate"},
      defaultValue = "0",
      description = "Aggregate messages per second; 0 = as fast as the window allows.")
  double rate;

  @Option(
      names = {"-w", "--window"},
      defaultValue = "4",
      description = "Messages per sender not yet delivered to every member (rate 0 only).")
  int window;

  @Option(names = "--payload-bytes", defaultValue = "200", description = "Text bytes per message.")
  int payloadBytes;

  @Option(
      names = "--redis-payload-bytes",
      defaultValue = "0",
      description =
          "Bytes each Redis message carries, its text padded (redis, redis-tls; default: the"
              + " text as it is). The relay sends each member of a 1,000-member room a 1,276-byte"
              + " frame for a 200-byte text: this shows what carrying that many bytes costs a"
              + " server that does nothing else.")
  int redisPayloadBytes;

  /**
   * The largest padded Redis message: every message is encoded before the clock starts, and Redis
   * drops a subscriber whose unsent output passes 32 MiB, or 8 MiB for a minute.
   */
  static final int MAX_REDIS_PAYLOAD_BYTES = 65_536;

  /**
   * Checks {@code --redis-payload-bytes} ({@code paddedTo}, 0 for none) against the text size and
   * the targets, as every scenario that pads Redis's messages does.
   *
   * @throws BadWorkload if it is out of range or no target is Redis
   */
  static void requireRedisPadding(int paddedTo, int payloadBytes, List<String> targets) {
    if (paddedTo != 0 && (paddedTo < payloadBytes || paddedTo > MAX_REDIS_PAYLOAD_BYTES)) {
      throw new BadWorkload(
          "--redis-payload-bytes must be 0 or from --payload-bytes ("
              + payloadBytes
              + ") to "
              + MAX_REDIS_PAYLOAD_BYTES);
    }
    if (paddedTo != 0 && targets.stream().noneMatch(t -> t.startsWith("redis"))) {
      throw new BadWorkload("--redis-payload-bytes needs a redis or redis-tls target");
    }
  }

  @Option(
      names = "--drain-seconds",
      defaultValue = "30",
      description = "Seconds without a delivery before the rest count as lost.")
  int drainSeconds;

  @Override
  public Integer call() throws Exception {
    FanoutPlan plan;
    try {
      plan =
          new FanoutPlan(
              clients,
              senders,
              warmup,
              messages,
              rate,
              window,
              payloadBytes,
              Duration.ofSeconds(drainSeconds));
    } catch (IllegalArgumentException e) {
      throw new BadWorkload(e.getMessage());
    }
    requireRedisPadding(redisPayloadBytes, payloadBytes, targets);
    String load = Report.loadAverage();
    try (NettyClients netty = common.clients()) {
      List<Target> systems =
          common.targets(targets, common.settings(), netty, clients, redisPayloadBytes);
      List<FanoutResult> results = FanoutRun.runAll(systems, plan, System.err);
      Report.fanout(plan, systems, results, load, System.out);
      boolean lossless = results.stream().allMatch(r -> r.lost() == 0 && r.duplicates() == 0);
      return lossless ? 0 : 1;
    }
  }
}
