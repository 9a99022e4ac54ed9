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

  @Mixin SessionOptions scenario;

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
      List<Target> systems =
          common.targets(scenario.targets, common.settings(), netty, scenario.sessions);
      List<SessionsResult> results = new ArrayList<>();
      for (Target target : systems) {
        results.add(
            new SessionsRun(
                    target,
                    scenario.sessions,
                    scenario.quietMillis(),
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
