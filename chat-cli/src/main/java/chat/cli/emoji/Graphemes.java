package chat.cli.emoji;

import java.text.BreakIterator;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Where an input line's cursor may stand, and where text may be cut: between the characters a
 * person sees (glyphs). The JDK's character break iterator (before Java 20) splits emoji sequences
 * that show as one glyph, so a boundary is also skipped when it falls before a joiner or after one
 * (👨‍👩‍👧), before a skin-tone modifier (👍🏽), between the two regional indicators of a flag
 * (🇩🇪), or before a mark, variation selector or tag.
 */
public final class Graphemes {
  /** The zero-width joiner of emoji sequences. */
  public static final char ZWJ = '\u200D';

  /** Regional indicator A; a flag is two of them. */
  public static final int REGIONAL_A = 0x1F1E6;

  private static final int REGIONAL_Z = 0x1F1FF;
  private static final int MODIFIER_FIRST = 0x1F3FB;
  private static final int MODIFIER_LAST = 0x1F3FF;

  private Graphemes() {}

  /** The boundary before {@code index}, or 0. */
  public static int previous(String text, int index) {
    if (index <= 0) {
      return 0;
    }
    BreakIterator clusters = iterator(text);
    int at = Math.min(index, text.length());
    do {
      at = clusters.preceding(at);
    } while (at > 0 && at != BreakIterator.DONE && joined(text, at));
    return at == BreakIterator.DONE ? 0 : at;
  }

  /** The boundary after {@code index}, or the end of {@code text}. */
  public static int next(String text, int index) {
    if (index >= text.length()) {
      return text.length();
    }
    BreakIterator clusters = iterator(text);
    int at = Math.max(index, 0);
    do {
      at = clusters.following(at);
    } while (at != BreakIterator.DONE && at < text.length() && joined(text, at));
    return at == BreakIterator.DONE ? text.length() : at;
  }

  /**
   * The indices of {@code text} that fall inside what shows as one glyph, though the JDK's
   * character break iterator may break there: inside an emoji ZWJ sequence or a flag, before a
   * skin-tone modifier, mark, variation selector or tag. Never 0 or the length. One pass over
   * {@code text}, so a long run of regional indicators costs no more than any other text.
   */
  public static BitSet insides(String text) {
    BitSet inside = new BitSet(text.length());
    int regionalRun = 0; // regional indicators right before i
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      if (i > 0 && joined(text, i, regionalRun)) {
        inside.set(i);
      }
      regionalRun = isRegionalIndicator(codePoint) ? regionalRun + 1 : 0;
      i += Character.charCount(codePoint);
    }
    return inside;
  }

  /**
   * The index after each glyph of {@code text}, in order: the last is the length, and none for the
   * empty string. A cut at one of them splits no surrogate pair, emoji sequence, flag, or letter
   * from its marks, modifier or variation selector; every other way of cutting text goes through
   * here ({@link #prefix}, {@link #shorten}). One pass over {@code text}.
   */
  public static int[] ends(String text) {
    BreakIterator clusters = iterator(text);
    BitSet inside = insides(text);
    int[] ends = new int[text.length()];
    int count = 0;
    for (int end = clusters.next(); end != BreakIterator.DONE; end = clusters.next()) {
      if (!inside.get(end)) {
        ends[count++] = end;
      }
    }
    return Arrays.copyOf(ends, count);
  }

  /** How many glyphs {@code text} shows: each emoji sequence, flag or marked letter counts one. */
  public static int count(String text) {
    return ends(text).length;
  }

  /** The first {@code glyphs} glyphs of {@code text}, or all of it if it has no more. */
  public static String prefix(String text, int glyphs) {
    int[] ends = ends(text);
    if (glyphs >= ends.length) {
      return text;
    }
    return glyphs <= 0 ? "" : text.substring(0, ends[glyphs - 1]);
  }

  /** The last {@code glyphs} glyphs of {@code text}, or all of it if it has no more. */
  public static String suffix(String text, int glyphs) {
    int[] ends = ends(text);
    if (glyphs >= ends.length) {
      return text;
    }
    return glyphs <= 0 ? "" : text.substring(ends[ends.length - glyphs - 1]);
  }

  /**
   * {@code text} if it has at most {@code maxGlyphs} glyphs, else as many of its first glyphs as
   * leave room for {@code mark} (such as {@code "..."}) within {@code maxGlyphs}, then {@code
   * mark}.
   */
  public static String shorten(String text, int maxGlyphs, String mark) {
    if (count(text) <= maxGlyphs) {
      return text;
    }
    return prefix(text, maxGlyphs - count(mark)) + mark;
  }

  private static BreakIterator iterator(String text) {
    BreakIterator clusters = BreakIterator.getCharacterInstance();
    clusters.setText(text);
    return clusters;
  }

  /** Whether the boundary at {@code at} (0 < at < length) splits what shows as one glyph. */
  private static boolean joined(String text, int at) {
    int run = 0;
    for (int i = at; i > 0 && isRegionalIndicator(text.codePointBefore(i)); ) {
      run++;
      i -= Character.charCount(text.codePointBefore(i));
    }
    return joined(text, at, run);
  }

  /**
   * Whether the boundary at {@code at} (0 < at < length) splits what shows as one glyph, given the
   * number of regional indicators right before it: a flag is a pair, so an odd count means {@code
   * at} is inside one.
   */
  private static boolean joined(String text, int at, int regionalRun) {
    int before = text.codePointBefore(at);
    int after = text.codePointAt(at);
    if (before == ZWJ || after == ZWJ || isModifier(after) || attaches(after)) {
      return true;
    }
    return isRegionalIndicator(before) && isRegionalIndicator(after) && regionalRun % 2 == 1;
  }

  /** Marks, variation selectors and tags: they draw nothing alone and belong to what precedes. */
  private static boolean attaches(int codePoint) {
    int type = Character.getType(codePoint);
    return type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || (type == Character.FORMAT && codePoint != 0x00AD);
  }

  /** Whether {@code codePoint} is a regional indicator (half of a flag). */
  public static boolean isRegionalIndicator(int codePoint) {
    return codePoint >= REGIONAL_A && codePoint <= REGIONAL_Z;
  }

  /** Whether {@code codePoint} is an emoji skin-tone modifier. */
  public static boolean isModifier(int codePoint) {
    return codePoint >= MODIFIER_FIRST && codePoint <= MODIFIER_LAST;
  }
}
