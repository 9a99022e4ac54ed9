package chat.bench.load;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code loadgen compaction}: what giving back a disbanded group's space costs the relay's sends.
 */
@Command(
    name = "compaction",
    mixinStandardHelpOptions = true,
    description = {
      "Envelope-log compaction, the relay alone: a group's and a room's messages stored"
          + " alternately, the group disbanded; one member's sends to the room, one after the"
          + " other, before the disband, right after it and after compaction, and how far and"
          + " how fast envelopes/ shrinks."
    })
public final class CompactionCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(
      names = {"-m", "--messages"},
      defaultValue = "300",
      description =
          "Messages stored in the group, and as many in the room (default: ${DEFAULT-VALUE}).")
  int messages;

  @Option(
      names = "--group-bytes",
      defaultValue = "300000",
      description = "Text of each group message (default: ${DEFAULT-VALUE}).")
  int groupBytes;

  @Option(
      names = "--room-bytes",
      defaultValue = "100000",
      description = "Text of each stored room message (default: ${DEFAULT-VALUE}).")
  int roomBytes;

  @Option(
      names = {"-s", "--sends"},
      defaultValue = "300",
      description = "Measured sends per phase (default: ${DEFAULT-VALUE}).")
  int sends;

  @Option(
      names = "--send-bytes",
      defaultValue = "2000",
      description = "Text of each measured send (default: ${DEFAULT-VALUE}).")
  int sendBytes;

  @Override
  public Integer call() throws Exception {
    int most = 1_000_000; // the content limit is 1 MiB, with room for its JSON
    if (messages < 1
        || sends < 10
        || groupBytes < 16
        || groupBytes > most
        || roomBytes < 16
        || roomBytes > most
        || sendBytes < 16
        || sendBytes > most) {
      throw new BadWorkload("need messages >= 1, sends >= 10, and texts of 16 to 1,000,000 bytes");
    }
    String load = Report.loadAverage();
    CompactionRun.Plan plan =
        new CompactionRun.Plan(messages, groupBytes, roomBytes, sends, sendBytes);
    CompactionRun.Result result;
    try (NettyClients netty = common.clients()) {
      RelayTarget relay = new RelayTarget(common.settings(), netty, 2);
      result = new CompactionRun(relay, plan, System.err).run();
    }
    print(result, plan, load, System.out);
    return result.settled() ? 0 : 1;
  }

  private static void print(
      CompactionRun.Result result, CompactionRun.Plan plan, String load, PrintStream out) {
    out.printf(
        Locale.ROOT,
        "### Compaction: %d group messages of %d bytes and %d room messages of %d bytes stored"
            + " alternately, the group disbanded; %d sends of %d bytes per phase, one after the"
            + " other%n%n",
        plan.messages(),
        plan.groupBytes(),
        plan.messages(),
        plan.roomBytes(),
        plan.sends(),
        plan.sendBytes());
    out.printf("Load average before: %s; after: %s.%n%n", load, Report.loadAverage());
    out.println("| phase | sends | p50 | p99 | max | relay CPU s |");
    out.println("|---|---:|---:|---:|---:|---:|");
    for (CompactionRun.Phase phase : result.phases()) {
      out.printf(
          Locale.ROOT,
          "| %s | %d | %s | %s | %s | %.2f |%n",
          phase.name(),
          phase.sends(),
          Report.millis(phase.p50Micros()),
          Report.millis(phase.p99Micros()),
          Report.millis(phase.maxMicros()),
          phase.cpuSeconds());
    }
    out.println();
    CompactionRun.Phase baseline = result.phases().get(0);
    for (CompactionRun.Phase phase : result.phases().subList(1, result.phases().size())) {
      out.printf(
          "- %s vs before the disband: p50 %s, p99 %s, max %s%n",
          phase.name(),
          Report.ratio(phase.p50Micros(), baseline.p50Micros()),
          Report.ratio(phase.p99Micros(), baseline.p99Micros()),
          Report.ratio(phase.maxMicros(), baseline.maxMicros()));
    }
    out.printf(
        Locale.ROOT,
        "- envelopes/: %s before the disband, %s after (%.2fx), last smaller %.1f s after"
            + " the disband's reply%s%n",
        Report.mib(result.bytesBefore()),
        Report.mib(result.bytesAfter()),
        result.bytesBefore() > 0 ? (double) result.bytesAfter() / result.bytesBefore() : 0,
        result.shrinkSeconds(),
        result.settled() ? "" : " (still changing when the run gave up waiting)");
    out.println();
  }
}
