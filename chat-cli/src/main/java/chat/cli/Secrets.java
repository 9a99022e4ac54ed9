package chat.cli;

import chat.cli.command.GivenSecrets;
import chat.cli.command.SecretKind;
import chat.protocol.Secret;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Where the account password and the key passphrase come from for scripting commands: a file given
 * by flag, else an environment variable ({@code CHAT_PASSWORD}, {@code CHAT_PASSPHRASE}), else a
 * masked prompt on the terminal. Never the command line. A file's first line is the secret.
 */
final class Secrets implements GivenSecrets {
  static final String ENV_PASSWORD = "CHAT_PASSWORD";

  /** Holds the new account password for {@code chat passwd} and {@code /passwd}. */
  static final String ENV_NEW_PASSWORD = "CHAT_NEW_PASSWORD";

  /** The longest first line of a secret's file: {@link Secret#MAX_CHARS} in UTF-8. */
  private static final int MAX_LINE_BYTES = 4 * Secret.MAX_CHARS;

  private final CliContext context;
  private final RelayOptions options;

  Secrets(CliContext context, RelayOptions options) {
    this.context = context;
    this.options = options;
  }

  /** The account password; the caller zeroes it. */
  char[] password(String user) {
    return read(options.passwordFile, ENV_PASSWORD, "Password for " + user + ": ")
        .orElseThrow(() -> new CommandException.Auth("no password entered", null));
  }

  /** Whether a password is available without asking. */
  boolean passwordGiven() {
    return options.passwordFile != null || context.env(ENV_PASSWORD).isPresent();
  }

  /** Whether the key passphrase is available without asking. */
  boolean passphraseGiven() {
    return options.passphraseFile != null || context.env(Passphrases.ENV_PASSPHRASE).isPresent();
  }

  /**
   * Whether reading the secrets a command needs would ask on the terminal: the password (if {@code
   * password}) or the passphrase has neither a file nor a variable, and there is a terminal to ask
   * on (where there is none, reading fails at once, saying which variable to set).
   */
  boolean wouldPrompt(boolean password) {
    return ((password && !passwordGiven()) || !passphraseGiven())
        && context.passphrasePrompt().canAsk();
  }

  char[] passphrase(String user) {
    return read(
            options.passphraseFile,
            Passphrases.ENV_PASSPHRASE,
            "Passphrase of " + user + "'s private keys: ")
        .orElseThrow(() -> new CommandException.Auth("no key passphrase entered", null));
  }

  /** The key passphrase and where it came from, for messages; the caller closes it. */
  Passphrase passphraseWithSource(String user) {
    String source;
    if (options.passphraseFile != null) {
      source = "from " + options.passphraseFile;
    } else if (context.env(Passphrases.ENV_PASSPHRASE).isPresent()) {
      source = "from " + Passphrases.ENV_PASSPHRASE;
    } else {
      source = "typed";
    }
    return new Passphrase(passphrase(user), source);
  }

  /** A new account password: {@code CHAT_NEW_PASSWORD}, else typed twice; the caller zeroes it. */
  char[] newPassword(String user) {
    return fresh(null, ENV_NEW_PASSWORD, "password for " + user);
  }

  /** A new key passphrase: {@code CHAT_NEW_PASSPHRASE}, else typed twice; the caller zeroes it. */
  char[] newPassphrase(String user) {
    return fresh(null, Passphrases.ENV_NEW_PASSPHRASE, "passphrase for " + user + "'s keys");
  }

  /** A new secret typed twice (or from its file or variable). */
  char[] fresh(Path file, String env, String what) {
    if (file != null || context.env(env).isPresent()) {
      return read(file, env, what).orElseThrow();
    }
    char[] first = prompt("New " + what + ": ", env);
    char[] second = prompt("Repeat the " + what + ": ", env);
    try {
      if (!Arrays.equals(first, second)) {
        Arrays.fill(first, '\0');
        throw new CommandException.Auth("the two entries differ", null);
      }
      return first;
    } finally {
      Arrays.fill(second, '\0');
    }
  }

  RelayOptions options() {
    return options;
  }

  /**
   * The secret of {@code kind} from its file or variable, never asking; empty when neither is
   * given. The caller zeroes it.
   */
  Optional<char[]> given(SecretKind kind) {
    return switch (kind) {
      case PASSWORD -> given(options.passwordFile, ENV_PASSWORD);
      case PASSPHRASE -> given(options.passphraseFile, Passphrases.ENV_PASSPHRASE);
      case NEW_PASSWORD -> given(null, ENV_NEW_PASSWORD);
      case NEW_PASSPHRASE -> given(null, Passphrases.ENV_NEW_PASSPHRASE);
    };
  }

  /**
   * Where the secret of {@code kind} is taken from without asking: its file, else its variable's
   * name; empty when it is asked for. For messages: never the value.
   */
  @Override
  public Optional<String> source(SecretKind kind) {
    return switch (kind) {
      case PASSWORD -> source(options.passwordFile, ENV_PASSWORD);
      case PASSPHRASE -> source(options.passphraseFile, Passphrases.ENV_PASSPHRASE);
      case NEW_PASSWORD -> source(null, ENV_NEW_PASSWORD);
      case NEW_PASSPHRASE -> source(null, Passphrases.ENV_NEW_PASSPHRASE);
    };
  }

  private Optional<String> source(Path file, String env) {
    if (file != null) {
      return Optional.of(file.toString());
    }
    return context.env(env).map(value -> env);
  }

  /**
   * {@code e}, saying where the secret it refused came from when that was a file or a variable
   * ({@link CommandException.Auth#givenIn}); any other failure as it is.
   */
  RuntimeException sayWhere(RuntimeException e) {
    return sayWhere(e, false);
  }

  /**
   * {@link #sayWhere(RuntimeException)} for a command that reads the secrets it chooses as the
   * account's password and passphrase ({@link SecretKind#refused}).
   */
  RuntimeException sayWhere(RuntimeException e, boolean newAsCurrent) {
    if (e instanceof CommandException.Auth auth && auth.refused().isPresent()) {
      SecretKind kind = SecretKind.refused(auth.refused().get(), newAsCurrent);
      return source(kind).map(auth::givenIn).orElse(auth);
    }
    return e;
  }

  @Override
  public Optional<char[]> secret(SecretKind kind) {
    return given(kind);
  }

  private Optional<char[]> given(Path file, String env) {
    if (file != null) {
      return Optional.of(fromFile(file));
    }
    return context.env(env).map(String::toCharArray);
  }

  private Optional<char[]> read(Path file, String env, String prompt) {
    Optional<char[]> given = given(file, env);
    return given.isPresent() ? given : Optional.ofNullable(prompt(prompt, env));
  }

  /**
   * Asks on the terminal. Where it cannot, the error names what was asked for and the variable and
   * option that give it: the prompt itself knows neither this command's options nor passwords.
   */
  private char[] prompt(String text, String env) {
    char[] typed;
    try {
      typed = context.passphrasePrompt().read(text);
    } catch (CommandException.Usage e) {
      throw new CommandException.Usage(
          "cannot ask for the "
              + what(env)
              + " here (no terminal, or its echo cannot be turned off); set "
              + env
              + (context.envEmpty(env) ? " (it is set, but empty)" : "")
              + option(env));
    }
    if (typed == null || typed.length == 0) {
      // Enter alone: no secret is empty, and a key file's would only cost a slow, wrong unlock
      throw new CommandException.Auth("no " + what(env) + " entered", null);
    }
    return typed;
  }

  /** What the secret in {@code env} is, for messages. */
  private static String what(String env) {
    return switch (env) {
      case ENV_PASSWORD -> "password";
      case ENV_NEW_PASSWORD -> "new password";
      case Passphrases.ENV_NEW_PASSPHRASE -> "new key passphrase";
      default -> "key passphrase";
    };
  }

  /** The option that also gives the secret in {@code env}, if one does. */
  private static String option(String env) {
    return switch (env) {
      case ENV_PASSWORD -> " or use --password-file";
      case Passphrases.ENV_PASSPHRASE -> " or use --passphrase-file";
      default -> "";
    };
  }

  /**
   * The warning due when the secret's {@code file} is open to other users than its owner (any group
   * or other permission bit, as ssh checks a private key file): empty for one that is the owner's
   * alone, for a pipe or a device ({@code --password-file <(pass show chat)}), and where the file
   * system has no POSIX permissions. Said, not refused: the secret is already exposed, and the
   * command would fail only for the one who made the mistake.
   */
  static Optional<String> exposed(Path file) {
    try {
      if (!Files.isRegularFile(file) || !PrivateFiles.isPosix(file)) {
        return Optional.empty();
      }
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      int mode = 0;
      for (PosixFilePermission permission : permissions) {
        mode |= 1 << (8 - permission.ordinal()); // OWNER_READ (0) is 0400 ... OTHERS_EXECUTE 01
      }
      if ((mode & 077) == 0) {
        return Optional.empty();
      }
      return Optional.of(
          "warning: "
              + TerminalSafe.line(file.toString())
              + " holds a secret, but other users than its owner have access to it (mode "
              + String.format("%04o", mode)
              + "): make it yours alone with chmod 600");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return Optional.empty(); // reading it will say what is wrong
    }
  }

  private static char[] fromFile(Path file) {
    // Its first line is the secret: read no more than the longest one allowed could take, so that
    // /dev/zero or a large file named by mistake is refused instead of filling the memory.
    byte[] bytes = FileIo.read(file, MAX_LINE_BYTES + 2);
    try {
      int firstLine = 0;
      while (firstLine < bytes.length && bytes[firstLine] != '\n' && bytes[firstLine] != '\r') {
        firstLine++;
      }
      if (firstLine > MAX_LINE_BYTES) {
        throw new CommandException.Usage(
            file
                + " does not start with a line of at most "
                + Secret.MAX_CHARS
                + " characters: put the secret alone on its first line");
      }
      CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
      // A byte order mark, which some editors put first (Notepad), is not part of the secret.
      int start = chars.limit() > 0 && chars.get(0) == '\uFEFF' ? 1 : 0;
      int end = start;
      while (end < chars.limit() && chars.get(end) != '\n' && chars.get(end) != '\r') {
        end++;
      }
      char[] out = new char[end - start];
      chars.position(start);
      chars.get(out, 0, out.length);
      Arrays.fill(chars.array(), '\0');
      if (out.length == 0) {
        throw new CommandException.Auth(file + " is empty", null);
      }
      return out;
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
