package chat.protocol;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The username rule: 3 to 32 characters of {@code A-Z a-z 0-9 _ . -}, starting with a letter.
 * Usernames are unique case-insensitively; {@link #key} is the lowercase form used for that.
 */
public final class Usernames {
  private static final Pattern VALID = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{2,31}");

  private Usernames() {}

  /** True if {@code username} follows the rule. */
  public static boolean isValid(String username) {
    return username != null && VALID.matcher(username).matches();
  }

  /** The case-insensitive key of a valid username. */
  public static String key(String username) {
    return username.toLowerCase(Locale.ROOT);
  }
}
