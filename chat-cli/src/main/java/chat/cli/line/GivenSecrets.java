package chat.cli.line;

import chat.cli.command.SecretKind;
import java.util.Optional;

/**
 * The secrets line mode takes without asking. When its input is not a person at a terminal (a pipe
 * or a file), these are the password and passphrase given in the environment or in files, as the
 * scripting commands take them; a line of the input is read only for a secret not given.
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
}
