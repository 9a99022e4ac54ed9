package chat.protocol;

import java.util.Locale;

/**
 * The username rule: 3 to 32 characters of {@code A-Z a-z 0-9 _ . -}, starting with a letter.
 * Usernames are unique case-insensitively; {@link #key} is the lowercase form used for that.
 */
public final class Usernames {
  private static final int MIN_LENGTH = 3;
  private static final int MAX_LENGTH = 32;

  /**
   * The word the client uses for the person reading ({@code you removed bob from #ops}): an account
   * so named, or named like it ({@code You}, {@code y0u}), would read as their own actions.
   */
  private static final String RESERVED = "you";

  /** The rule a username follows, as a refusal says it. */
  public static final String RULE =
      "usernames are 3-32 characters of A-Z a-z 0-9 _ . - starting with a letter";

  /** Why a {@link #isReserved reserved} name is refused, in the words both ends show. */
  public static final String RESERVED_MESSAGE =
      "a name that reads as \"you\" (You, y0u, ...) cannot be registered: chat shows it for the"
          + " reader's own actions";

  private Usernames() {}

  /**
   * True if {@code username} is valid but may not be registered: it reads as a word the client uses
   * for the person reading ({@code you}), ignoring case and lookalike characters ({@link
   * UsernameSkeleton}).
   */
  public static boolean isReserved(String username) {
    return isValid(username) && UsernameSkeleton.of(username).equals(RESERVED);
  }

  /**
   * True if {@code username} follows the rule. A loop rather than a regular expression: the relay
   * checks every recipient of every message, a thousand for one message to a 1,000-member room.
   */
  public static boolean isValid(String username) {
    if (username == null || username.length() < MIN_LENGTH || username.length() > MAX_LENGTH) {
      return false;
    }
    if (!isLetter(username.charAt(0))) {
      return false;
    }
    for (int i = 1; i < username.length(); i++) {
      char c = username.charAt(i);
      if (!(isLetter(c) || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  /** The case-insensitive key of a valid username. */
  public static String key(String username) {
    return username.toLowerCase(Locale.ROOT);
  }
}
