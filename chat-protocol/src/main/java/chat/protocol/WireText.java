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
    if (isValid(text, maxChars)) {
      return text;
    }
    if (text == null) {
      throw new IllegalArgumentException(what + " is required");
    }
    if (text.length() > maxChars) {
      throw new IllegalArgumentException(what + " is too long");
    }
    throw new IllegalArgumentException(what + " contains control characters");
  }

  /** True if {@code text} is present, at most {@code maxChars} characters, without controls. */
  public static boolean isValid(String text, int maxChars) {
    return text != null
        && text.length() <= maxChars
        && text.chars().noneMatch(Character::isISOControl);
  }
}
