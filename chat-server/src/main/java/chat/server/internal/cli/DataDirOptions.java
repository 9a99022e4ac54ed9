package chat.server.internal.cli;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The options a subcommand that works on the data directory ({@code audit}, {@code keys rotate})
 * shares with {@code chat-server} itself: {@code --data-dir} and {@code --config}. Either may be
 * given before the subcommand's name or after it; {@code chat-server} reads the config file
 * wherever {@code --config} stands, and the environment and the file reach this {@code --data-dir}
 * as they reach the relay's.
 */
public final class DataDirOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "./data",
      description =
          "Data directory; as for chat-server, also before the subcommand, from"
              + " CHAT_SERVER_DATA_DIR or the config file (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Config file of chat-server (only its data-dir is used here).")
  Path config;

  /**
   * The data directory: this command's {@code --data-dir} if typed; else the one typed before the
   * subcommand's name ({@code chat-server --data-dir DIR audit}); else the environment's, the
   * config file's or the default, which this command's option already holds.
   */
  public Path dataDir() {
    if (matched(command, "--data-dir")) {
      return dataDir;
    }
    for (CommandSpec parent = command.parent(); parent != null; parent = parent.parent()) {
      OptionSpec option = parent.findOption("--data-dir");
      if (option != null && matched(parent, "--data-dir")) {
        return option.getValue();
      }
    }
    return dataDir;
  }

  private static boolean matched(CommandSpec spec, String option) {
    ParseResult parsed = spec.commandLine() == null ? null : spec.commandLine().getParseResult();
    return parsed != null && parsed.hasMatchedOption(option);
  }
}
