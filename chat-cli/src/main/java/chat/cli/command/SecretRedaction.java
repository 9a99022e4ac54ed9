package chat.cli.command;

import java.util.List;
import java.util.Optional;

/**
 * Keeps inline passwords out of input history. Front ends pass every line through {@link
 * #historyEntry} before adding it to their history, and add nothing when it is empty.
 */
public final class SecretRedaction {
  /** What replaces an inline password. */
  public static final String MASK = "***";

  private static final List<String> SECRET_COMMANDS = List.of("register", "login");

  /**
   * Commands that take no argument and ask for secrets ({@code /passwd}, {@code /passphrase}):
   * words typed after them are most likely the secrets themselves.
   */
  private static final List<String> SECRET_ONLY_COMMANDS = List.of("passwd", "passphrase");

  private static final int TYPO_DISTANCE = 2;

  private SecretRedaction() {}

  /**
   * The history entry for {@code line}: the line itself; {@code /register NAME ***} or {@code
   * /login NAME ***} in place of an inline password; {@code /passwd ***} or {@code /passphrase ***}
   * in place of any words after those commands; or empty for a blank line and for an unknown
   * command close to {@code /login} or {@code /register} that has arguments (likely a typo with a
   * password in it), which is left out entirely.
   */
  public static Optional<String> historyEntry(String line) {
    Input input = InputParser.parse(line);
    if (input instanceof Input.Blank) {
      return Optional.empty();
    }
    if (!(input instanceof Input.Command)) {
      return Optional.of(line);
    }
    Input.Command command = (Input.Command) input;
    if (SECRET_COMMANDS.contains(command.name())) {
      if (command.argCount() < 2) {
        return Optional.of(line);
      }
      return Optional.of("/" + command.name() + " " + command.arg(0) + " " + MASK);
    }
    if (SECRET_ONLY_COMMANDS.contains(command.name())) {
      return Optional.of(command.argCount() == 0 ? line : "/" + command.name() + " " + MASK);
    }
    if (command.argCount() >= 2 && looksLikeSecretCommand(command.name())) {
      return Optional.empty();
    }
    return Optional.of(line);
  }

  private static boolean looksLikeSecretCommand(String name) {
    return SECRET_COMMANDS.stream()
        .anyMatch(secret -> CommandRegistry.editDistance(name, secret) <= TYPO_DISTANCE);
  }
}
