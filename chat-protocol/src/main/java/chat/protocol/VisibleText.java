package chat.protocol;

/**
 * Whether a user-chosen text that others see (a group title) shows anything. Both the client,
 * before it sends, and the relay, before it stores, apply the rule, so a name that shows as an
 * empty pair of quotes, or as accents stacked on whatever precedes it, never reaches anyone.
 */
public final class VisibleText {
  private VisibleText() {}

  /**
   * True if {@code text} has no character that draws something of its own: it holds only spaces of
   * any width, line and paragraph separators, control and format characters (the zero-width space
   * and joiners, the byte order mark, the soft hyphen, tag characters, bidirectional controls),
   * combining marks (variation selectors and accents, which draw only on a character before them),
   * the Hangul fillers and the braille pattern blank.
   */
  public static boolean showsNothing(String text) {
    return text.codePoints().noneMatch(VisibleText::drawsSomething);
  }

  /**
   * True if {@code text} starts with a combining mark, which would draw on the character printed
   * before it (a quote, a space) instead of on one of its own.
   */
  public static boolean startsWithMark(String text) {
    return !text.isEmpty() && isMark(text.codePointAt(0));
  }

  private static boolean drawsSomething(int cp) {
    if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || isMark(cp)) {
      return false;
    }
    return switch (Character.getType(cp)) {
      case Character.CONTROL, Character.FORMAT, Character.UNASSIGNED -> false;
      default -> !isBlankLetter(cp);
    };
  }

  private static boolean isMark(int cp) {
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.COMBINING_SPACING_MARK;
  }

  /** Letters and symbols that print as blanks: the Hangul fillers and the braille blank. */
  private static boolean isBlankLetter(int cp) {
    return cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 || cp == 0x2800;
  }
}
