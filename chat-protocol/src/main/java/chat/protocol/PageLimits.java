package chat.protocol;

/** The page size rule for history and sync: 0 means the default of 50, at most 500. */
public final class PageLimits {
  /** Page size when the request gives 0. */
  public static final int DEFAULT = 50;

  /** Largest page. */
  public static final int MAX = 500;

  private PageLimits() {}

  /**
   * The effective page size for a requested {@code limit}.
   *
   * @throws IllegalArgumentException if negative or above {@link #MAX}
   */
  public static int resolve(int limit) {
    if (limit < 0 || limit > MAX) {
      throw new IllegalArgumentException("limit must be 0 to " + MAX);
    }
    return limit == 0 ? DEFAULT : limit;
  }
}
