package chat.crypto;

/**
 * The rule every user id and conversation id inside a bundle or envelope obeys: 1 to 255 UTF-8
 * bytes, no control characters and no lone surrogates (which have no UTF-8 encoding, so the id
 * would change on the wire). The relay applies a stricter rule to usernames on top.
 */
public final class Identifiers {
  private Identifiers() {}

  /** True if {@code id} may appear in a bundle or envelope. */
  public static boolean isValid(String id) {
    if (id == null || id.isEmpty()) {
      return false;
    }
    // Counts the UTF-8 bytes on the way instead of encoding the id: a relay checks every recipient
    // id of every envelope. A valid id has no lone surrogate, so each code point counts as it
    // would encode.
    int utf8Bytes = 0;
    for (int i = 0; i < id.length(); ) {
      int cp = id.codePointAt(i);
      if (Character.isISOControl(cp)
          || cp == 0x2028
          || cp == 0x2029
          || Character.getType(cp) == Character.SURROGATE) {
        return false;
      }
      utf8Bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (utf8Bytes > 255) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }

  /**
   * Returns {@code id} if valid.
   *
   * @throws IllegalArgumentException if not
   */
  public static String require(String id, String what) {
    if (!isValid(id)) {
      throw new IllegalArgumentException(what + " must be 1 to 255 UTF-8 bytes without controls");
    }
    return id;
  }
}
