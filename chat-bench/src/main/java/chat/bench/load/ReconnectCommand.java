package chat.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code loadgen reconnect}: N sessions reconnecting at once after a server restart. */
@Command(
    name = "reconnect",
    mixinStandardHelpOptions = true,
    description =
        "Reconnect storm: N sessions, a server restart, everyone back at once (relay: resume, no bcrypt).")
public final class ReconnectCommand implements Callable<Integer> {
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
      description = "Sessions.")
  int sessions;

  @Option(
      names = "--quiet-seconds",
      defaultValue = "3",
      description = "Seconds without events before the server counts as quiet.")
  int quietSeconds;

  @Override
  public Integer call() throws Exception {
    String load = Report.loadAverage();
    try (NettyClients netty = common.clients()) {
      List<Target> systems = common.targets(targets, common.settings(), netty, sessions);
      List<ReconnectResult> results = new ArrayList<>();
      for (Target target : systems) {
        results.add(new ReconnectRun(target, sessions, quietSeconds * 1000L, System.err).run());
      }
      Report.reconnect(results, load, System.out);
      return results.stream().allMatch(r -> r.failures() == 0) ? 0 : 1;
    }
  }
}
