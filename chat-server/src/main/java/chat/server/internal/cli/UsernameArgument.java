package chat.server.internal.cli;

import chat.protocol.Usernames;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** A username typed to an operator command ({@code users show}, {@code users set-limit}). */
final class UsernameArgument {
  private UsernameArgument() {}

  /**
   * The account key of {@code typed}: a username in any case, with or without a leading {@code @}.
   *
   * @throws CommandLine.ParameterException for a name that is not a username (exit 2)
   */
  static String key(CommandSpec spec, String typed) {
    return Usernames.key(
        name(typed)
            .orElseThrow(
                () -> new CommandLine.ParameterException(spec.commandLine(), notAUsername(typed))));
  }

  /**
   * {@code typed} as a name with its {@code @} and spaces dropped, if it is a username; else why it
   * is not ({@link #notAUsername}), for a command that refuses it its own way.
   */
  static Optional<String> name(String typed) {
    String name = typed.strip().replaceFirst("^@", "");
    return Usernames.isValid(name) ? Optional.of(name) : Optional.empty();
  }

  /** What is said of {@code typed}, not a username. */
  static String notAUsername(String typed) {
    return "not a username: '"
        + Printable.text(typed)
        + "' (3 to 32 of A-Z a-z 0-9 _ . -, starting with a letter)";
  }
}
