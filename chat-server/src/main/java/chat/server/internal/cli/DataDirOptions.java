package chat.server.internal.cli;

import chat.server.internal.storage.DataDirectory;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options a subcommand that works on the data directory ({@code audit}, {@code keys rotate},
 * {@code backup}, {@code users}) shares with {@code chat-server} itself: {@code --data-dir} and
 * {@code --config}. Either may be given before the subcommand's name or after it; {@code
 * chat-server} reads the config file wherever {@code --config} stands, and the environment and the
 * file reach this {@code --data-dir} as they reach the relay's.
 */
public final class DataDirOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      converter = NonEmptyPath.Directory.class,
      defaultValue = "./data",
      description =
          "Data directory; as for chat-server, also before the subcommand, from"
              + " CHAT_SERVER_DATA_DIR or the config file (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Config file of chat-server; only the settings this command has options for are"
              + " used.")
  Path config;

  /**
   * The data directory: this command's {@code --data-dir} if typed; else the one typed before the
   * subcommand's name ({@code chat-server --data-dir DIR audit}); else the environment's, the
   * config file's or the default, which this command's option already holds. A {@code ..} in it is
   * taken as the relay takes it ({@link DataDirectory#normalized}).
   */
  public Path dataDir() {
    return DataDirectory.normalized(InheritedOption.value(command, "--data-dir", dataDir));
  }
}
