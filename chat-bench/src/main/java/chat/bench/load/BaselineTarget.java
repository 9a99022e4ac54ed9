package chat.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the baselines (ngircd, Redis) share: a server process started from a generated config in its
 * own directory under the work directory, on a free loopback port, restarted on the same port, and
 * logging to {@code <name>.log}.
 */
abstract sealed class BaselineTarget implements Target permits IrcTarget, RedisTarget {
  /** How long the server may take to start or stop. */
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  final LoadSettings settings;
  final NettyClients clients;
  final Path home;
  int port;
  private final String name;
  private ServerProcess server;

  BaselineTarget(LoadSettings settings, NettyClients clients, String name) {
    this.settings = settings;
    this.clients = clients;
    this.name = name;
    this.home = settings.workDir().resolve(name);
  }

  @Override
  public final String name() {
    return name;
  }

  /** Writes the config for {@link #port} into {@link #home} and returns the command to run. */
  abstract List<String> command() throws Exception;

  @Override
  public final void start() throws Exception {
    Workspace.deleteTree(home);
    Files.createDirectories(home);
    port = ServerProcess.freePort();
    launch();
  }

  private void launch() throws Exception {
    server =
        ServerProcess.start(
            name(),
            command(),
            Map.of(),
            port,
            settings.workDir().resolve(name() + ".log"),
            PATIENCE);
  }

  @Override
  public final void restart() throws Exception {
    server.stop(PATIENCE);
    launch();
  }

  @Override
  public final ServerProcess server() {
    return server;
  }

  @Override
  public final void close() {
    if (server != null) {
      server.close();
    }
  }
}
