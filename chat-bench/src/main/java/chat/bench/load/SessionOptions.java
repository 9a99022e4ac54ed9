package chat.bench.load;

import java.util.List;
import picocli.CommandLine.Option;

/** Options of the scenarios that hold many sessions: {@code sessions} and {@code reconnect}. */
final class SessionOptions {
  @Option(
      names = "--targets",
      split = ",",
      defaultValue = "relay,ngircd,redis",
      description =
          "Systems to run, in order, of relay, relay-json, ngircd, redis, redis-tls; ratios are"
              + " against the first, within each round if the list repeats (default:"
              + " ${DEFAULT-VALUE}).")
  List<String> targets;

  @Option(
      names = {"-n", "--sessions"},
      defaultValue = "10000",
      description = "Sessions (default: ${DEFAULT-VALUE}).")
  int sessions;

  @Option(
      names = "--quiet-seconds",
      defaultValue = "3",
      description = "Seconds without events before the server counts as quiet.")
  int quietSeconds;

  /** {@link #quietSeconds} in milliseconds. */
  long quietMillis() {
    return quietSeconds * 1000L;
  }
}
