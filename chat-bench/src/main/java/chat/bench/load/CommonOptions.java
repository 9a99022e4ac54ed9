package chat.bench.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every scenario shares: where things run and how the generator connects. */
public final class CommonOptions {
  @Option(
      names = "--work-dir",
      description = "Server data, configs and logs (default: <java.io.tmpdir>/chat-loadgen).")
  Path workDir;

  @Option(
      names = "--relay-launcher",
      defaultValue = "bin/chat-server",
      description = "The relay's launcher; the relay runs as it ships (default: ${DEFAULT-VALUE}).")
  Path relayLauncher;

  @Option(
      names = "--relay-java-opts",
      defaultValue = "",
      description = "Extra JVM options for the relay (CHAT_SERVER_JAVA_OPTS), space-separated.")
  String relayJavaOptions;

  @Option(
      names = "--relay-env",
      description = "Extra environment for the relay process, NAME=VALUE (repeatable).")
  Map<String, String> relayEnvironment = new LinkedHashMap<>();

  @Option(
      names = "--relay-jfr",
      description =
          "Record the relay with JFR (profile settings) and dump it to this file at stop.")
  Path relayRecording;

  @Option(
      names = "--ngircd",
      defaultValue = "ngircd",
      description = "The ngircd executable (default: ${DEFAULT-VALUE}).")
  String ngircd;

  @Option(
      names = "--redis-server",
      defaultValue = "redis-server",
      description = "The redis-server executable (default: ${DEFAULT-VALUE}).")
  String redisServer;

  @Option(
      names = "--io-threads",
      defaultValue = "2",
      description = "Generator event loop threads (default: ${DEFAULT-VALUE}).")
  int ioThreads;

  @Option(
      names = "--connect-concurrency",
      defaultValue = "128",
      description = "Connections set up at once (default: ${DEFAULT-VALUE}).")
  int connectConcurrency;

  /** The settings these options name. */
  LoadSettings settings() {
    Path dir =
        workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir"), "chat-loadgen");
    List<String> javaOptions = new ArrayList<>();
    if (!relayJavaOptions.isBlank()) {
      javaOptions.addAll(Arrays.asList(relayJavaOptions.trim().split("\\s+")));
    }
    return new LoadSettings(
        dir, relayLauncher, javaOptions, relayEnvironment, ngircd, redisServer, relayRecording);
  }

  /** The generator's client side. */
  NettyClients clients() {
    return new NettyClients(ioThreads, connectConcurrency);
  }

  /** The named targets, in order. */
  List<Target> targets(List<String> names, LoadSettings settings, NettyClients clients, int users) {
    return targets(names, settings, clients, users, 0);
  }

  /**
   * The named targets, in order; Redis pads each message to {@code redisPaddedTo} bytes if not 0.
   */
  List<Target> targets(
      List<String> names,
      LoadSettings settings,
      NettyClients clients,
      int users,
      int redisPaddedTo) {
    List<Target> out = new ArrayList<>();
    for (String name : names) {
      out.add(
          switch (name) {
            case "relay" -> new RelayTarget(settings, clients, users);
            case "relay-json" -> new RelayTarget(settings, clients, users, true);
            case "ngircd" -> new IrcTarget(settings, clients);
            case "redis" -> new RedisTarget(settings, clients, false, redisPaddedTo);
            case "redis-tls" -> new RedisTarget(settings, clients, true, redisPaddedTo);
            default ->
                throw new BadWorkload(
                    "unknown target " + name + " (relay, relay-json, ngircd, redis, redis-tls)");
          });
    }
    return out;
  }
}
