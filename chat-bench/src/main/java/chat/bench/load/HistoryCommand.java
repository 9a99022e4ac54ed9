package chat.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code loadgen history}: members of a big room fetching its history at once. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description =
        "History fetch: R members of a C-member room each fetch its newest L of M messages F times.")
public final class HistoryCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(
      names = "--targets",
      split = ",",
      defaultValue = "relay,redis-tls",
      description =
          "Systems to run, in order, of relay, relay-json, redis, redis-tls; ratios are against"
              + " the first, within each round if the list repeats (default: ${DEFAULT-VALUE}).")
  List<String> targets;

  @Option(
      names = {"-c", "--members"},
      defaultValue = "1000",
      description = "Members of the room (default: ${DEFAULT-VALUE}).")
  int members;

  @Option(
      names = {"-m", "--messages"},
      defaultValue = "50",
      description = "Messages stored in the room (default: ${DEFAULT-VALUE}).")
  int messages;

  @Option(
      names = {"-r", "--readers"},
      defaultValue = "20",
      description = "Members fetching at once (default: ${DEFAULT-VALUE}).")
  int readers;

  @Option(
      names = {"-f", "--fetches"},
      defaultValue = "20",
      description = "Measured fetches per reader, one after the other (default: ${DEFAULT-VALUE}).")
  int fetches;

  @Option(
      names = "--warmup-fetches",
      defaultValue = "5",
      description = "Unmeasured fetches per reader first (default: ${DEFAULT-VALUE}).")
  int warmupFetches;

  @Option(
      names = {"-l", "--limit"},
      defaultValue = "50",
      description = "Messages per fetch (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--payload-bytes",
      defaultValue = "200",
      description = "Text per message, 16 to 400 bytes (default: ${DEFAULT-VALUE}).")
  int payloadBytes;

  @Option(
      names = "--redis-payload-bytes",
      defaultValue = "0",
      description =
          "Pad Redis's stored items to this many bytes, e.g. the size of the relay's"
              + " per-member form (default: the text as it is).")
  int redisPaddedTo;

  @Override
  public Integer call() throws Exception {
    if (members < 2
        || messages < 1
        || readers < 1
        || readers > members
        || fetches < 1
        || warmupFetches < 0
        || limit < 1
        || limit > 500
        || payloadBytes < 16
        || payloadBytes > 400) {
      throw new BadWorkload(
          "need members >= 2, 1 <= readers <= members, messages >= 1, fetches >= 1,"
              + " warm-up fetches >= 0, limit 1-500, payload 16-400 bytes");
    }
    FanoutCommand.requireRedisPadding(redisPaddedTo, payloadBytes, targets);
    if (targets.contains("ngircd")) {
      throw new BadWorkload(
          "ngircd keeps no history to fetch (relay, relay-json, redis, redis-tls)");
    }
    String load = Report.loadAverage();
    HistoryRun.Plan plan =
        new HistoryRun.Plan(members, messages, readers, fetches, warmupFetches, limit);
    try (NettyClients netty = common.clients()) {
      List<HistoryResult> results = new ArrayList<>();
      for (Target target :
          common.targets(targets, common.settings(), netty, members, redisPaddedTo)) {
        results.add(new HistoryRun(target, plan, payloadBytes, System.err).run());
      }
      Report.history(results, plan, load, System.out);
      int full = Math.min(limit, messages);
      return results.stream()
              .allMatch(
                  r -> r.errors() == 0 && r.fetches() == r.asked() && r.messagesPerFetch() == full)
          ? 0
          : 1;
    }
  }
}
