package chat.server.internal.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Refuses an option of {@code chat-server} typed before a subcommand that does not use it: {@code
 * chat-server --port 7000 audit} would otherwise run {@code audit} as if {@code --port} had not
 * been given. A subcommand uses an option of the commands before it when it has one of the same
 * name ({@code audit} and {@code keys rotate} have {@code --data-dir} and {@code --config}, see
 * {@link DataDirOptions}; {@code users} also has {@code --max-frame-bytes} and {@code
 * --max-rooms-per-user}).
 */
public final class SubcommandOptions {
  private SubcommandOptions() {}

  /**
   * Checks {@code parsed} (the whole command line), unless it asks for help or the version, which
   * picocli answers before anything runs.
   *
   * @throws CommandLine.ParameterException naming the options and the subcommand
   */
  public static void requireUsed(ParseResult parsed) {
    List<ParseResult> chain = new ArrayList<>();
    for (ParseResult level = parsed; level != null; level = level.subcommand()) {
      if (level.isUsageHelpRequested() || level.isVersionHelpRequested()) {
        return;
      }
      chain.add(level);
    }
    CommandSpec leaf = chain.get(chain.size() - 1).commandSpec();
    Object runs = leaf.userObject();
    if (!leaf.subcommands().isEmpty()
        && !(runs instanceof Runnable)
        && !(runs instanceof java.util.concurrent.Callable)) {
      // chat-server --data-dir X keys: the command is missing, which is said instead (rotate takes
      // --data-dir); users, which runs alone too, is checked
      return;
    }
    List<String> unused = new ArrayList<>();
    for (ParseResult level : chain.subList(0, chain.size() - 1)) {
      for (OptionSpec option : level.matchedOptions()) {
        if (leaf.findOption(option.longestName()) == null
            && !unused.contains(option.longestName())) {
          unused.add(option.longestName());
        }
      }
    }
    if (unused.isEmpty()) {
      return;
    }
    List<String> shared = new ArrayList<>();
    for (OptionSpec option : chain.get(0).commandSpec().options()) {
      String name = option.longestName();
      if (!option.usageHelp() && !option.versionHelp() && leaf.findOption(name) != null) {
        shared.add(name);
      }
    }
    String options = String.join(", ", unused);
    throw new CommandLine.ParameterException(
        leaf.commandLine(),
        options
            + (unused.size() == 1 ? " does" : " do")
            + " not apply to '"
            + leaf.qualifiedName()
            + "'"
            + (shared.isEmpty() ? "" : "; before its name only " + inWords(shared) + " may stand"));
  }

  /** {@code a}, {@code a and b}, {@code a, b and c}. */
  private static String inWords(List<String> names) {
    int last = names.size() - 1;
    return last == 0
        ? names.get(0)
        : String.join(", ", names.subList(0, last)) + " and " + names.get(last);
  }
}
