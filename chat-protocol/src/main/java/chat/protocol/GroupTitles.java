package chat.protocol;

/** The rule for a group's display title: 1 to 64 characters, not blank, no control characters. */
public final class GroupTitles {
  /** Longest title, in characters. */
  public static final int MAX_CHARS = 64;

  private GroupTitles() {}

  /**
   * Returns {@code title} if it follows the rule.
   *
   * @throws IllegalArgumentException if not
   */
  public static String require(String title) {
    WireText.require(title, "title", MAX_CHARS);
    if (title.isBlank()) {
      throw new IllegalArgumentException("title must not be blank");
    }
    return title;
  }
}
