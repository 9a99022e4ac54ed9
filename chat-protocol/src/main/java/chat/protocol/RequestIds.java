package chat.protocol;

/** The rule for request ids: 1 to 64 printable ASCII characters (0x21 to 0x7E). */
public final class RequestIds {
  /** Longest request id. */
  public static final int MAX_LENGTH = 64;

  private RequestIds() {}

  /** True if {@code id} is a valid request id. */
  public static boolean isValid(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
      return false;
    }
    return id.chars().allMatch(c -> c >= 0x21 && c <= 0x7E);
  }

  /**
   * Returns {@code id} if valid.
   *
   * @throws IllegalArgumentException if not
   */
  public static String require(String id, String what) {
    if (!isValid(id)) {
      throw new IllegalArgumentException(what + " must be 1-64 printable ASCII characters");
    }
    return id;
  }
}
