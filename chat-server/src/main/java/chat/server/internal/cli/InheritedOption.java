package chat.server.internal.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The value of an option a subcommand shares with the commands before it ({@code --data-dir} of
 * {@code chat-server audit}, {@code --json} of {@code chat-server users show}): picocli gives each
 * command only what was typed after its own name, so one typed before the name would otherwise be
 * lost.
 */
final class InheritedOption {
  private InheritedOption() {}

  /**
   * {@code own}, the value of option {@code name} of {@code command}, if it was typed there; else
   * the value typed for the same option before the command's name, nearest first; else {@code own}
   * again, which then holds the environment's, the config file's or the built-in default.
   */
  static <T> T value(CommandSpec command, String name, T own) {
    if (typed(command, name)) {
      return own;
    }
    for (CommandSpec parent = command.parent(); parent != null; parent = parent.parent()) {
      OptionSpec option = parent.findOption(name);
      if (option != null && typed(parent, name)) {
        return option.getValue();
      }
    }
    return own;
  }

  private static boolean typed(CommandSpec spec, String option) {
    ParseResult parsed = spec.commandLine() == null ? null : spec.commandLine().getParseResult();
    return parsed != null && parsed.hasMatchedOption(option);
  }
}
