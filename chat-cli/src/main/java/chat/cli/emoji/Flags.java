package chat.cli.emoji;

import java.text.BreakIterator;
import java.util.BitSet;
import java.util.Objects;

/**
 * Where a space goes beside a flag (two regional indicators, 🇺🇸) so that it draws right. Many
 * terminals draw a flag followed or preceded by a letter or digit wrongly: the letter merges into
 * the flag's cell or overwrites half of it (🇺🇸A), and the TUI, which draws a flag as its two
 * letters, would show {@code USA}. The one rule for both: the TUI's cell layout and the text the
 * line mode, {@code chat listen} and {@code chat history} print.
 */
public final class Flags {
  private Flags() {}

  /**
   * Whether a space goes between a glyph starting with {@code before} and the next, starting with
   * {@code after}: one of them is a flag (or a lone regional indicator) and the other a letter or a
   * digit of any script.
   */
  public static boolean apart(int before, int after) {
    return (Graphemes.isRegionalIndicator(before) && Character.isLetterOrDigit(after))
        || (Character.isLetterOrDigit(before) && Graphemes.isRegionalIndicator(after));
  }

  /**
   * {@code text} with a space between each flag and a letter or digit right beside it ({@link
   * #apart}); anything else, flags next to flags included, is left as it is.
   */
  public static String spaced(String text) {
    Objects.requireNonNull(text, "text");
    if (text.codePoints().noneMatch(Graphemes::isRegionalIndicator)) {
      return text;
    }
    BreakIterator clusters = BreakIterator.getCharacterInstance();
    clusters.setText(text);
    BitSet insides = Graphemes.insides(text);
    StringBuilder out = new StringBuilder(text.length() + 8);
    int previous = -1; // the first code point of the glyph before
    int start = clusters.first();
    for (int end = clusters.next(); end != BreakIterator.DONE; start = end, end = clusters.next()) {
      int first = text.codePointAt(start);
      if (!insides.get(start)) {
        if (previous >= 0 && apart(previous, first)) {
          out.append(' ');
        }
        previous = first;
      }
      out.append(text, start, end);
    }
    return out.toString();
  }
}
