package chat.bench.load;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code loadgen client}: the client's own costs against a real relay: history fetched and
 * decrypted against the same number of RSA unwraps, and a one-shot {@code bin/chat send} against
 * the JVM start of {@code bin/chat --version}.
 */
@Command(
    name = "client",
    mixinStandardHelpOptions = true,
    description = "Client costs: history of N messages vs N unwraps; one-shot send wall time.")
public final class ClientCostCommand implements Callable<Integer> {
  /** Largest acceptable ratio of history to its unwraps. */
  static final double HISTORY_TARGET = 1.2;

  /** Largest acceptable wall time of a one-shot send, in milliseconds. */
  static final double SEND_TARGET_MILLIS = 1500;

  @Mixin CommonOptions common;

  @Option(names = "--history", defaultValue = "50", description = "Messages per history call.")
  int history;

  @Option(names = "--rounds", defaultValue = "30", description = "Timed history rounds.")
  int rounds;

  @Option(names = "--send-runs", defaultValue = "10", description = "Timed one-shot sends.")
  int sendRuns;

  @Option(
      names = "--chat-launcher",
      defaultValue = "bin/chat",
      description = "The client launcher (default: ${DEFAULT-VALUE}).")
  Path chatLauncher;

  @Override
  public Integer call() throws Exception {
    String load = Report.loadAverage();
    LoadSettings settings = common.settings();
    try (NettyClients netty = common.clients();
        RelayTarget relay = new RelayTarget(settings, netty, 1)) {
      relay.start();
      ClientCostRun run = new ClientCostRun(relay, settings.workDir(), chatLauncher, System.err);
      System.err.printf("client: %d messages in %s%n", history, "#ops");
      run.prepare(history);
      long[][] timings = run.history(history, rounds);
      long[] send = run.oneShot(sendRuns, "send", "--user", "alice", "ops", "one-shot message");
      long[] version = run.oneShot(sendRuns, "--version");
      return print(
          new Samples(timings[0]),
          new Samples(timings[1]),
          new Samples(timings[2]),
          new Samples(timings[3]),
          send,
          version,
          load);
    }
  }

  private int print(
      Samples historyTimes,
      Samples unwraps,
      Samples historyCpu,
      Samples unwrapsCpu,
      long[] send,
      long[] version,
      String load) {
    PrintStream out = System.out;
    Samples sends = new Samples(send);
    Samples starts = new Samples(version);
    double ratio = historyTimes.medianMillis() / unwraps.medianMillis();
    out.printf("### Client costs%n%n");
    out.printf("Load average before: %s; after: %s.%n%n", load, Report.loadAverage());
    out.println(
        "| measurement | median | p90 | min | max | same-run baseline (median) | ratio |"
            + " target |");
    out.println("|---|---:|---:|---:|---:|---|---:|---|");
    out.printf(
        Locale.ROOT,
        "| history of %d, fetched and decrypted (%d rounds) | %.1f ms | %.1f ms | %.1f ms |"
            + " %.1f ms | %d RSA-OAEP-3072 unwraps: %.1f ms | %.2fx | <= %.1fx: %s |%n",
        history,
        historyTimes.count(),
        historyTimes.medianMillis(),
        historyTimes.percentileMillis(90),
        historyTimes.minMillis(),
        historyTimes.maxMillis(),
        history,
        unwraps.medianMillis(),
        ratio,
        HISTORY_TARGET,
        ratio <= HISTORY_TARGET ? "met" : "MISSED");
    if (ClientCostRun.measuresThreadCpu()) {
      out.printf(
          Locale.ROOT,
          "| the same history, CPU time of the generator's Java threads | %.1f ms | %.1f ms |"
              + " %.1f ms | %.1f ms | the same unwraps: %.1f ms | %.2fx | – |%n",
          historyCpu.medianMillis(),
          historyCpu.percentileMillis(90),
          historyCpu.minMillis(),
          historyCpu.maxMillis(),
          unwrapsCpu.medianMillis(),
          historyCpu.medianMillis() / unwrapsCpu.medianMillis());
    }
    out.printf(
        Locale.ROOT,
        "| one-shot `bin/chat send` (%d runs) | %.0f ms | %.0f ms | %.0f ms | %.0f ms |"
            + " `bin/chat --version`: %.0f ms | %.2fx | <= %.0f ms: %s |%n",
        sends.count(),
        sends.medianMillis(),
        sends.percentileMillis(90),
        sends.minMillis(),
        sends.maxMillis(),
        starts.medianMillis(),
        sends.medianMillis() / starts.medianMillis(),
        SEND_TARGET_MILLIS,
        sends.medianMillis() <= SEND_TARGET_MILLIS ? "met" : "MISSED");
    out.println();
    return 0;
  }
}
