package chat.protocol;

/** The rules for away messages on the wire: only with {@code away}, at most 200 characters. */
public final class Presences {
  /** Longest away message, in characters. */
  public static final int MAX_MESSAGE_CHARS = 200;

  private Presences() {}

  /**
   * Returns {@code message} if it may go with {@code status}: null, or (only for {@link
   * PresenceStatus#AWAY}) at most {@link #MAX_MESSAGE_CHARS} characters without control characters.
   *
   * @throws IllegalArgumentException if not
   */
  public static String requireMessage(PresenceStatus status, String message) {
    if (message == null) {
      return null;
    }
    if (status != PresenceStatus.AWAY) {
      throw new IllegalArgumentException("only away has a message");
    }
    return WireText.require(message, "message", MAX_MESSAGE_CHARS);
  }
}
