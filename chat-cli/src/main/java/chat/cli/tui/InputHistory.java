package chat.cli.tui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The lines typed so far, for Up and Down: the last {@link #MAX_LINES}, without repeats, and with
 * secrets redacted before they are stored (see {@link #redact}).
 */
final class InputHistory {
  /** Lines kept. */
  static final int MAX_LINES = 500;

  /** Commands whose arguments after the username are secrets. */
  private static final Set<String> SECRET_COMMANDS = Set.of("/register", "/login");

  /** Commands that take no argument and ask secrets: words after them are likely the secrets. */
  private static final Set<String> SECRET_ONLY_COMMANDS = Set.of("/passwd", "/passphrase");

  private final List<String> lines = new ArrayList<>();
  private int position;
  private String draft = "";

  /** Records {@code line}, redacted, and ends browsing. Blank lines are not recorded. */
  void add(String line) {
    String stored = redact(line);
    if (!stored.isBlank() && (lines.isEmpty() || !lines.get(lines.size() - 1).equals(stored))) {
      lines.add(stored);
      if (lines.size() > MAX_LINES) {
        lines.remove(0);
      }
    }
    position = lines.size();
    draft = "";
  }

  /** The line before the one shown, keeping {@code current} as the draft when leaving it. */
  Optional<String> previous(String current) {
    if (position == 0) {
      return Optional.empty();
    }
    if (position == lines.size()) {
      draft = current;
    }
    position--;
    return Optional.of(lines.get(position));
  }

  /** The line after the one shown, or the draft after the newest. */
  Optional<String> next() {
    if (position >= lines.size()) {
      return Optional.empty();
    }
    position++;
    return Optional.of(position == lines.size() ? draft : lines.get(position));
  }

  /** The stored lines, oldest first. */
  List<String> lines() {
    return List.copyOf(lines);
  }

  /**
   * {@code line} as history may keep it: for {@code /register} and {@code /login}, everything after
   * the username (the password and anything else) becomes {@code ***}; other lines are unchanged.
   * An option before the username hides the username too, so no argument order leaks a secret. For
   * {@code /passwd} and {@code /passphrase}, which take no argument, every word after the command
   * becomes {@code ***}.
   */
  static String redact(String line) {
    String[] words = line.strip().split("\\s+");
    String command = words[0].toLowerCase(Locale.ROOT);
    if (line.startsWith("/") && SECRET_ONLY_COMMANDS.contains(command) && words.length > 1) {
      return words[0] + " ***";
    }
    if (!line.startsWith("/") || !SECRET_COMMANDS.contains(words[0].toLowerCase(Locale.ROOT))) {
      return line;
    }
    StringBuilder kept = new StringBuilder(words[0]);
    int secretsFrom = 1;
    if (words.length > 1 && !words[1].startsWith("-")) {
      kept.append(' ').append(words[1]);
      secretsFrom = 2;
    }
    if (words.length > secretsFrom) {
      kept.append(" ***");
    }
    return kept.toString();
  }
}
