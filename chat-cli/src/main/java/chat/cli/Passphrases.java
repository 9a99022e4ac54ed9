package chat.cli;

import chat.crypto.KeyFile;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where passphrases come from: an environment variable if it is set and not empty, else the masked
 * prompt. Never from the command line, where other users could read it in the process list.
 */
final class Passphrases {
  /** Holds the passphrase of the key file for commands that unlock it. */
  static final String ENV_PASSPHRASE = "CHAT_PASSPHRASE";

  /** Holds the new passphrase for {@code chat identity passwd}. */
  static final String ENV_NEW_PASSPHRASE = "CHAT_NEW_PASSPHRASE";

  private final CliContext context;

  Passphrases(CliContext context) {
    this.context = context;
  }

  /**
   * The passphrase of an existing key file, from {@code CHAT_PASSPHRASE} or one prompt.
   *
   * @throws CommandException.Auth if nothing was entered
   */
  Passphrase existing(Path keyFile) {
    Optional<Passphrase> fromEnv = fromEnvironment(ENV_PASSPHRASE);
    if (fromEnv.isPresent()) {
      return fromEnv.get();
    }
    char[] typed = context.passphrasePrompt().read("Passphrase for " + keyFile + ": ");
    if (typed == null || typed.length == 0) {
      throw new CommandException.Auth("no key passphrase entered", null); // Enter alone, or Ctrl-D
    }
    return new Passphrase(typed, "typed");
  }

  /**
   * A new passphrase, from {@code envName} or typed twice; refuses an empty one, and one shorter
   * than {@link KeyFile#MIN_NEW_PASSPHRASE_CHARS} before it is asked again.
   *
   * @throws CommandException.Auth if it is empty or too short, or the two entries differ
   */
  Passphrase fresh(String envName, String what) {
    refuseShortInEnvironment(envName);
    Optional<Passphrase> fromEnv = fromEnvironment(envName);
    if (fromEnv.isPresent()) {
      return fromEnv.get();
    }
    char[] first = context.passphrasePrompt().read("New passphrase for " + what + ": ");
    if (first == null || first.length == 0) {
      zero(first);
      throw new CommandException.Auth("an empty passphrase is not allowed", null);
    }
    if (first.length < KeyFile.MIN_NEW_PASSPHRASE_CHARS) {
      zero(first);
      throw tooShort(null);
    }
    char[] second = context.passphrasePrompt().read("Repeat the new passphrase: ");
    try {
      if (!Arrays.equals(first, second)) {
        zero(first);
        throw new CommandException.Auth("the two passphrases do not match", null);
      }
    } finally {
      zero(second);
    }
    return new Passphrase(first, "typed");
  }

  /**
   * Refuses a new passphrase in {@code envName} shorter than {@link
   * KeyFile#MIN_NEW_PASSPHRASE_CHARS}: called before the current one is asked for, it is not asked
   * for nothing.
   *
   * @throws CommandException.Auth if it is too short
   */
  void refuseShortInEnvironment(String envName) {
    Optional<String> given = context.env(envName);
    if (given.isPresent() && given.get().length() < KeyFile.MIN_NEW_PASSPHRASE_CHARS) {
      throw tooShort(envName);
    }
  }

  /** The refusal of a new passphrase (from {@code envName}; null: typed) that is too short. */
  private static CommandException.Auth tooShort(String envName) {
    return new CommandException.Auth(
        "the new passphrase"
            + (envName == null ? "" : " (from " + envName + ")")
            + " must be at least "
            + KeyFile.MIN_NEW_PASSPHRASE_CHARS
            + " characters: anyone with a copy of the key file can guess at it",
        null);
  }

  private Optional<Passphrase> fromEnvironment(String name) {
    return context.env(name).map(value -> new Passphrase(value.toCharArray(), "from " + name));
  }

  private static void zero(char[] chars) {
    if (chars != null) {
      Arrays.fill(chars, '\0');
    }
  }
}
