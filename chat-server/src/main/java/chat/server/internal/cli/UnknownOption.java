package chat.server.internal.cli;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The line for a mistyped option: {@code unknown option '--prot' (did you mean --port?)}, with the
 * option closest in spelling, as a typo in the environment or the config file is answered. Picocli
 * alone listed the option's value as a second unknown option and suggested options that merely
 * start alike ({@code --presence-max-room-members, --print-config}).
 */
public final class UnknownOption {
  private UnknownOption() {}

  /**
   * The line for {@code e}, if its first unmatched argument is a long option with a likely meaning
   * among the options of the command it was typed to; empty otherwise.
   */
  public static Optional<String> line(CommandLine.UnmatchedArgumentException e) {
    if (e.getUnmatched().isEmpty() || !e.getUnmatched().get(0).startsWith("--")) {
      return Optional.empty();
    }
    String typed = e.getUnmatched().get(0);
    String name = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
    Set<String> names = new LinkedHashSet<>();
    for (OptionSpec option : e.getCommandLine().getCommandSpec().options()) {
      if (option.longestName().startsWith("--")) {
        names.add(option.longestName().substring(2));
      }
    }
    return ConfigFile.likelyKey(name.substring(2), names)
        .map(likely -> "unknown option '" + name + "' (did you mean --" + likely + "?)");
  }

  /** The command of {@code commands} that {@code word} is most likely a misspelling of, if any. */
  public static Optional<String> likelyCommand(String word, Set<String> commands) {
    return ConfigFile.likelyKey(word, commands);
  }
}
