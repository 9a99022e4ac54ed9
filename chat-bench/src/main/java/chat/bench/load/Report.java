package chat.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Formats results as Markdown tables, with ratios against the same run's baselines. */
final class Report {
  private Report() {}

  /** The 1-, 5- and 15-minute load averages, as in {@code /proc/loadavg}. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
  }

  static String millis(long micros) {
    return String.format(Locale.ROOT, "%.2f ms", micros / 1000.0);
  }

  static String ratio(double value, double baseline) {
    if (baseline == 0) {
      return "n/a";
    }
    double ratio = value / baseline;
    // Two decimals, or three significant digits where two decimals would round to nothing.
    return ratio != 0 && Math.abs(ratio) < 0.01
        ? String.format(Locale.ROOT, "%.3gx", ratio)
        : String.format(Locale.ROOT, "%.2fx", ratio);
  }

  /**
   * One ratio line: row {@code subject} against row {@code baseline}, in round {@code round} of
   * {@code rounds}.
   */
  record Comparison(int subject, int baseline, int round, int rounds) {
    /** How the line starts: "round 2, " when the targets were run more than once, else nothing. */
    String prefix() {
      return rounds > 1 ? "round " + round + ", " : "";
    }
  }

  /**
   * Which rows to compare, for targets run in the order {@code names}. The first target is compared
   * with each one after it; a repeated list ({@code relay,ngircd,relay,ngircd}) is run in rounds,
   * each starting where the first target comes again, and each row is compared only with the first
   * target's row of its own round, measured minutes apart from it rather than the first round's.
   */
  static List<Comparison> comparisons(List<String> names) {
    List<int[]> found = new ArrayList<>();
    int reference = 0;
    int round = 1;
    for (int i = 1; i < names.size(); i++) {
      if (names.get(i).equals(names.get(0))) {
        reference = i;
        round++;
      } else {
        found.add(new int[] {reference, i, round});
      }
    }
    int rounds = round;
    return found.stream().map(f -> new Comparison(f[0], f[1], f[2], rounds)).toList();
  }

  private static <R> List<Comparison> comparisonsOf(List<R> results, Function<R, String> name) {
    return comparisons(results.stream().map(name).toList());
  }

  /** Prints one fan-out comparison. */
  static void fanout(
      FanoutPlan plan,
      List<Target> targets,
      List<FanoutResult> results,
      String load,
      PrintStream out) {
    out.printf("### Fan-out: %s%n%n", plan.describe());
    out.printf("Load average before: %s; after: %s.%n%n", load, loadAverage());
    out.println(
        "| system | delivered / expected | lost | dup | errors | deliveries/s | p50 | p99 | max"
            + " | server CPU s | CPU s per 100k deliveries | server RSS | generator CPU s |");
    out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (FanoutResult r : results) {
      out.printf(
          Locale.ROOT,
          "| %s | %d / %d | %d | %d | %d | %.0f | %s | %s | %s | %.2f | %.3f | %s | %.2f |%n",
          r.target(),
          r.delivered(),
          r.expected(),
          r.lost(),
          r.duplicates(),
          r.errors() + r.disconnects(),
          r.deliveriesPerSecond(),
          millis(r.p50Micros()),
          millis(r.p99Micros()),
          millis(r.maxMicros()),
          r.serverCpuSeconds(),
          r.serverCpuPer100kDeliveries(),
          mib(r.serverRssBytes()),
          r.generatorCpuSeconds());
    }
    out.println();
    for (Comparison comparison : comparisonsOf(results, FanoutResult::target)) {
      FanoutResult first = results.get(comparison.subject());
      FanoutResult other = results.get(comparison.baseline());
      out.printf(
          "- %s%s vs %s: deliveries/s %s, p99 latency %s, server CPU per delivery %s%n",
          comparison.prefix(),
          first.target(),
          other.target(),
          ratio(first.deliveriesPerSecond(), other.deliveriesPerSecond()),
          ratio(first.p99Micros(), other.p99Micros()),
          ratio(first.serverCpuPer100kDeliveries(), other.serverCpuPer100kDeliveries()));
    }
    for (int i = 0; i < results.size(); i++) {
      if (results.get(i).maxSendLagMicros() > 0) {
        out.printf(
            "- %s: the generator sent at most %s behind schedule%n",
            results.get(i).target(), millis(results.get(i).maxSendLagMicros()));
      }
    }
    for (FanoutResult r : results) {
      if (r.reordered() >= 0) {
        out.printf(
            Locale.ROOT,
            "- %s: %d deliveries reached a member after a later message of the room%n",
            r.target(),
            r.reordered());
      }
    }
    for (Target target : targets) {
      out.printf("- %s: %s%n", target.name(), target.guarantees());
    }
    out.println();
  }

  static String kib(double bytes) {
    return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
  }

  /** Prints a held-sessions comparison. */
  static void sessions(List<SessionsResult> results, String load, PrintStream out) {
    out.printf("### Held sessions: %d per system%n%n", results.get(0).sessions());
    out.printf("Load average before: %s; after: %s.%n%n", load, loadAverage());
    out.println(
        "| system | RSS before | RSS idle after | per session: idle | when quiet | after full GC"
            + " | setup s | server CPU s | events | pings answered | ping p50 | p99 | max"
            + " | failures |");
    out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (SessionsResult r : results) {
      out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %s | %s | %s | %.1f | %.1f | %d | %d / %d | %s | %s | %s | %d |%n",
          r.target(),
          mib(r.rssBefore()),
          mib(r.rssIdle()),
          kib(r.idleRssPerSessionBytes()),
          kib(r.quietRssPerSessionBytes()),
          kib(r.collectedRssPerSessionBytes()),
          r.setupSeconds(),
          r.serverCpuSeconds(),
          r.events(),
          r.pings(),
          r.sessions(),
          millis(r.pingP50Micros()),
          millis(r.pingP99Micros()),
          millis(r.pingMaxMicros()),
          r.failures());
    }
    out.println();
    for (Comparison comparison : comparisonsOf(results, SessionsResult::target)) {
      SessionsResult first = results.get(comparison.subject());
      SessionsResult other = results.get(comparison.baseline());
      out.printf(
          "- %s%s vs %s: idle RSS per session %s%n",
          comparison.prefix(),
          first.target(),
          other.target(),
          ratio(first.idleRssPerSessionBytes(), other.idleRssPerSessionBytes()));
    }
    out.println();
  }

  /** Prints a reconnect-storm comparison. */
  static void reconnect(List<ReconnectResult> results, String load, PrintStream out) {
    out.printf("### Reconnect storm after a restart: %d sessions%n%n", results.get(0).sessions());
    out.printf("Load average before: %s; after: %s.%n%n", load, loadAverage());
    out.println(
        "| system | restored | storm s | restored/s | until quiet s | server CPU s | events"
            + " | pings answered | password checks | retries | failures |");
    out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (ReconnectResult r : results) {
      out.printf(
          Locale.ROOT,
          "| %s | %d / %d | %.1f | %.0f | %.1f | %.1f | %d | %d | %s | %d | %d |%n",
          r.target(),
          r.restored(),
          r.sessions(),
          r.stormSeconds(),
          r.restoredPerSecond(),
          r.quietSeconds(),
          r.serverCpuSeconds(),
          r.events(),
          r.pings(),
          r.passwordChecks() < 0 ? "n/a" : Long.toString(r.passwordChecks()),
          r.retries(),
          r.failures());
    }
    out.println();
    for (Comparison comparison : comparisonsOf(results, ReconnectResult::target)) {
      ReconnectResult first = results.get(comparison.subject());
      ReconnectResult other = results.get(comparison.baseline());
      out.printf(
          "- %s%s vs %s: storm time %s, server CPU %s%n",
          comparison.prefix(),
          first.target(),
          other.target(),
          ratio(first.stormSeconds(), other.stormSeconds()),
          ratio(first.serverCpuSeconds(), other.serverCpuSeconds()));
    }
    out.println();
  }

  /** Prints a history-fetch comparison. */
  static void history(
      List<HistoryResult> results, HistoryRun.Plan plan, String load, PrintStream out) {
    out.printf(
        "### History fetch: %d members, %d stored messages; %d readers x %d fetches of the"
            + " newest %d (after %d unmeasured each)%n%n",
        plan.members(),
        plan.messages(),
        plan.readers(),
        plan.fetches(),
        plan.limit(),
        plan.warmupFetches());
    out.printf("Load average before: %s; after: %s.%n%n", load, loadAverage());
    out.println(
        "| system | fetches answered | messages per fetch | errors | fetches/s | p50 | p99 | max"
            + " | server CPU s | server CPU ms per fetch | server RSS | generator CPU s |");
    out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (HistoryResult r : results) {
      out.printf(
          Locale.ROOT,
          "| %s | %d / %d | %d | %d | %.0f | %s | %s | %s | %.2f | %.2f | %s | %.2f |%n",
          r.target(),
          r.fetches(),
          r.asked(),
          r.messagesPerFetch(),
          r.errors(),
          r.fetchesPerSecond(),
          millis(r.p50Micros()),
          millis(r.p99Micros()),
          millis(r.maxMicros()),
          r.serverCpuSeconds(),
          r.serverCpuMillisPerFetch(),
          mib(r.serverRssBytes()),
          r.generatorCpuSeconds());
    }
    out.println();
    for (Comparison comparison : comparisonsOf(results, HistoryResult::target)) {
      HistoryResult first = results.get(comparison.subject());
      HistoryResult other = results.get(comparison.baseline());
      out.printf(
          "- %s%s vs %s: fetches/s %s, p99 latency %s, server CPU per fetch %s%n",
          comparison.prefix(),
          first.target(),
          other.target(),
          ratio(first.fetchesPerSecond(), other.fetchesPerSecond()),
          ratio(first.p99Micros(), other.p99Micros()),
          ratio(first.serverCpuMillisPerFetch(), other.serverCpuMillisPerFetch()));
    }
    out.println();
  }
}
