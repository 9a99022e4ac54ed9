package chat.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code loadgen reconnect}: N sessions reconnecting at once after a server restart. */
@Command(
    name = "reconnect",
    mixinStandardHelpOptions = true,
    description =
        "Reconnect storm: N sessions, a server restart, everyone back at once (relay: resume, no bcrypt).")
public final class ReconnectCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Mixin SessionOptions scenario;

  @Override
  public Integer call() throws Exception {
    String load = Report.loadAverage();
    try (NettyClients netty = common.clients()) {
      List<Target> systems =
          common.targets(scenario.targets, common.settings(), netty, scenario.sessions);
      List<ReconnectResult> results = new ArrayList<>();
      for (Target target : systems) {
        results.add(
            new ReconnectRun(target, scenario.sessions, scenario.quietMillis(), System.err).run());
      }
      Report.reconnect(results, load, System.out);
      return results.stream().allMatch(r -> r.failures() == 0) ? 0 : 1;
    }
  }
}
