package chat.cli.command;

import java.util.Optional;

/**
 * The secrets an interactive front end (the full screen or the line mode) takes without asking: the
 * password and passphrase given in the environment or in files ({@code CHAT_PASSWORD}, {@code
 * CHAT_PASSPHRASE}, {@code --password-file}, {@code --passphrase-file}, and the new ones for {@code
 * /passwd} and {@code /passphrase}), as the scripting commands take them. A secret not given is
 * asked for: on a hidden prompt at a terminal, or as the next input line of a pipe or a file.
 */
@FunctionalInterface
public interface GivenSecrets {
  /** None given: every secret is asked for on a masked prompt. */
  GivenSecrets NONE = kind -> Optional.empty();

  /**
   * The secret of {@code kind}, if one was given; the caller zeroes it.
   *
   * @throws chat.cli.CommandException if it was given but cannot be read (an unreadable file)
   */
  Optional<char[]> secret(SecretKind kind);

  /**
   * Where the secret of {@code kind} that {@link #secret} gives comes from (a variable's name or a
   * file), for a message that says so when it is refused; never the value. Empty when none is
   * given, and by default.
   */
  default Optional<String> source(SecretKind kind) {
    return Optional.empty();
  }
}
