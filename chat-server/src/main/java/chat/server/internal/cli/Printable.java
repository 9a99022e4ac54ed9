package chat.server.internal.cli;

/**
 * Text the relay's command line prints that it did not write itself: a typed value, a line of the
 * config file, a reason read from the database.
 */
public final class Printable {
  private Printable() {}

  /**
   * {@code text} with every code point that is not printable as {@code ?}: controls (escape
   * sequences), format characters (bidirectional overrides, zero-width joiners), separators other
   * than the space, private-use, unassigned and lone surrogate code points. So nothing read from
   * the database or typed can drive the terminal, while a reason written with accents or in another
   * script reads as written. Usernames are printable ASCII by rule.
   */
  public static String text(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> out.appendCodePoint(shown(c) ? c : '?'));
    return out.toString();
  }

  private static boolean shown(int codePoint) {
    if (codePoint == ' ') {
      return true;
    }
    return switch (Character.getType(codePoint)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.PRIVATE_USE,
          Character.SURROGATE,
          Character.UNASSIGNED,
          Character.SPACE_SEPARATOR,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR ->
          false;
      default -> true;
    };
  }
}
