package chat.server.internal.cli;

import chat.protocol.Usernames;
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
    String name = typed.strip().replaceFirst("^@", "");
    if (!Usernames.isValid(name)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "not a username: '"
              + UserLimits.printable(typed)
              + "' (3 to 32 of A-Z a-z 0-9 _ . -, starting with a letter)");
    }
    return Usernames.key(name);
  }
}
