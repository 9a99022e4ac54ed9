package chat.protocol;

/**
 * The rule for a group's display title: 1 to 64 characters, no control characters, and (for a title
 * being set) it shows something and does not start with a combining mark ({@link VisibleText}).
 */
public final class GroupTitles {
  /** Longest title, in characters. */
  public static final int MAX_CHARS = 64;

  private GroupTitles() {}

  /**
   * Returns {@code title} if it may be shown: what a relay stores and announces. This is the older,
   * looser rule (not blank), so that a title stored before the visibility rule still lists.
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

  /**
   * Returns {@code title} if it may be set as a new title: {@link #require} and it shows something
   * and does not start with a combining mark.
   *
   * @throws IllegalArgumentException if not
   */
  public static String requireNew(String title) {
    require(title);
    if (VisibleText.showsNothing(title)) {
      throw new IllegalArgumentException("title shows nothing");
    }
    if (VisibleText.startsWithMark(title)) {
      throw new IllegalArgumentException("title starts with a combining mark");
    }
    return title;
  }
}
