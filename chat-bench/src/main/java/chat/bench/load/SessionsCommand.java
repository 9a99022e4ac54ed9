package chat.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code loadgen sessions}: N idle sessions held, memory per session, then one ping each. */
@Command(
    name = "sessions",
    mixinStandardHelpOptions = true,
    description = "Held sessions: N idle logged-in connections; RSS per session; one ping each.")
public final class SessionsCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(
      names = "--targets",
      split = ",",
      defaultValue = "relay,ngircd,redis",
      description = "Systems to run, in order (default: ${DEFAULT-VALUE}).")
  List<String> targets;

  @Option(
      names = {"-n", "--sessions"},
      defaultValue = "10000",
      description = "Sessions to hold.")
  int sessions;

  @Option(
      names = "--quiet-seconds",
      defaultValue = "3",
      description = "Seconds without events before the server counts as quiet.")
  int quietSeconds;

  @Option(
      names = "--idle-seconds",
      defaultValue = "60",
      description = "Seconds idle before memory is sampled again (default: ${DEFAULT-VALUE}).")
  int idleSeconds;

  @Option(
      names = "--hold-seconds",
      defaultValue = "0",
      description = "Keep the sessions this long after measuring (to inspect the server).")
  int holdSeconds;

  @Override
  public Integer call() throws Exception {
    String load = Report.loadAverage();
    try (NettyClients netty = common.clients()) {
      List<Target> systems = common.targets(targets, common.settings(), netty, sessions);
      List<SessionsResult> results = new ArrayList<>();
      for (Target target : systems) {
        results.add(
            new SessionsRun(
                    target,
                    sessions,
                    quietSeconds * 1000L,
                    idleSeconds * 1000L,
                    holdSeconds,
                    System.err)
                .run());
      }
      Report.sessions(results, load, System.out);
      return results.stream().allMatch(r -> r.failures() == 0) ? 0 : 1;
    }
  }
}
