package chat.protocol;

/** Checks free text fields on the wire: non-null, bounded, no control characters. */
public final class WireText {
  private WireText() {}

  /**
   * Returns {@code text} if it is at most {@code maxChars} characters without controls.
   *
   * @throws IllegalArgumentException if not
   */
  public static String require(String text, String what, int maxChars) {
    if (text == null) {
      throw new IllegalArgumentException(what + " is required");
    }
    if (text.length() > maxChars) {
      throw new IllegalArgumentException(what + " is too long");
    }
    if (text.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(what + " contains control characters");
    }
    return text;
  }
}
