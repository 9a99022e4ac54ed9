package chat.cli.tui;

import chat.cli.emoji.Flags;
import chat.cli.emoji.Graphemes;
import java.text.BreakIterator;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Splits text into {@link Cell}s by grapheme cluster and measures them in display columns the way
 * Lanterna draws them: CJK and emoji take two columns ({@link Glyphs} has the details for emoji
 * sequences). Flags next to each other, each drawn as its two letters, are kept apart by a space
 * cell, so 🇩🇪🇫🇷 reads {@code DE FR}, and so are a flag and a letter or digit beside it ({@link
 * Flags}), so 🇺🇸A reads {@code US A}; the space is a glyph of its own, where a line may wrap. The
 * cells of a glyph drawn as several (a flag's two letters, a ZWJ sequence's parts) are marked as
 * {@link Cell#continues continuing} its first, so that no line break or clipping edge falls between
 * them ({@link #glyphEnd}). It is the last guard before the screen: control characters, lone
 * surrogates and marks with nothing to sit on are dropped, so nothing here can reach the terminal
 * as a control or escape sequence.
 */
final class Cells {
  private static final int TAB_COLUMNS = 4;

  private Cells() {}

  /** {@code text} as one line of cells; newlines are dropped. */
  static List<Cell> line(String text, Style style) {
    return split(text, style, false);
  }

  /** {@code text} as cells with each newline turned into {@link Cell#BREAK}. */
  static List<Cell> text(String text, Style style) {
    return split(text, style, true);
  }

  /** The display width of {@code cells}. */
  static int width(List<Cell> cells) {
    int width = 0;
    for (Cell cell : cells) {
      width += cell.width();
    }
    return width;
  }

  /** The display width of {@code text} as {@link #line} would lay it out. */
  static int width(String text) {
    return width(line(text, Style.PLAIN));
  }

  /**
   * The index after the glyph whose first cell is at {@code start}: past the cells that {@link
   * Cell#continues continue} it.
   */
  static int glyphEnd(List<Cell> cells, int start) {
    int end = start + 1;
    while (end < cells.size() && cells.get(end).continues()) {
      end++;
    }
    return end;
  }

  /**
   * The longest prefix of {@code cells} that fits in {@code columns}, without splitting a glyph.
   */
  static List<Cell> fit(List<Cell> cells, int columns) {
    int used = 0;
    int end = 0;
    while (end < cells.size() && !cells.get(end).isBreak()) {
      int next = glyphEnd(cells, end);
      used += width(cells.subList(end, next));
      if (used > columns) {
        break;
      }
      end = next;
    }
    return new ArrayList<>(cells.subList(0, end));
  }

  /**
   * {@code cells} if they fit in {@code columns}, else the longest prefix that leaves room for
   * {@code mark} (such as {@code "…"}) in {@code style}, then the mark: cut between glyphs ({@link
   * #fit}) and measured in the columns they take.
   */
  static List<Cell> shorten(List<Cell> cells, int columns, String mark, Style style) {
    if (width(cells) <= columns) {
      return cells;
    }
    List<Cell> marked = line(mark, style);
    List<Cell> kept = fit(cells, columns - width(marked));
    kept.addAll(marked);
    return kept;
  }

  /**
   * {@code cells} if they fit in {@code columns}, else their first glyphs, {@code mark} and their
   * last glyphs of at most {@code tailColumns} columns (and never more than a third of what is
   * left): names alike but for their ends ({@code #release-planning-q1}, {@code -q2}) stay apart.
   */
  static List<Cell> shortenInMiddle(
      List<Cell> cells, int columns, String mark, Style style, int tailColumns) {
    if (width(cells) <= columns) {
      return cells;
    }
    List<Cell> marked = line(mark, style);
    int room = columns - width(marked);
    int tailLimit = Math.min(tailColumns, room / 3);
    int tailStart = cells.size();
    int tailWidth = 0;
    while (tailStart > 0) {
      int start = tailStart - 1;
      while (start > 0 && cells.get(start).continues()) {
        start--;
      }
      int glyph = width(cells.subList(start, tailStart));
      if (tailWidth + glyph > tailLimit) {
        break;
      }
      tailWidth += glyph;
      tailStart = start;
    }
    List<Cell> out = fit(cells, room - tailWidth);
    out.addAll(marked);
    out.addAll(cells.subList(tailStart, cells.size()));
    return out;
  }

  private static List<Cell> split(String text, Style style, boolean keepBreaks) {
    String clean = Normalizer.normalize(stripControls(text, keepBreaks), Normalizer.Form.NFC);
    List<Cell> cells = new ArrayList<>(clean.length());
    BreakIterator clusters = BreakIterator.getCharacterInstance();
    clusters.setText(clean);
    BitSet insides = Graphemes.insides(clean);
    int start = clusters.first();
    int previous = -1; // the first code point of the glyph before
    for (int end = clusters.next(); end != BreakIterator.DONE; start = end, end = clusters.next()) {
      String cluster = clean.substring(start, end);
      boolean joined = insides.get(start);
      if (!joined) {
        if (previous >= 0 && apart(previous, cluster.codePointAt(0))) {
          cells.add(Cell.space(style));
        }
        previous = cluster.codePointAt(0);
      }
      int first = cells.size();
      addCluster(cells, cluster, style);
      for (int i = first; i < cells.size(); i++) {
        if ((i > first || joined) && continues(cells, i)) {
          cells.set(i, cells.get(i).asContinuation());
        }
      }
    }
    return cells;
  }

  /**
   * Whether a space cell goes between two glyphs starting with {@code before} and {@code after}:
   * between flags (DE FR, not DEFR: each flag drawn as letters stays readable), and between a flag
   * and a letter or digit ({@link Flags#apart}: US A, not USA).
   */
  private static boolean apart(int before, int after) {
    return (Graphemes.isRegionalIndicator(before) && Graphemes.isRegionalIndicator(after))
        || Flags.apart(before, after);
  }

  /** Whether cell {@code i} may continue the one before: neither is a space or a line break. */
  private static boolean continues(List<Cell> cells, int i) {
    Cell before = i > 0 ? cells.get(i - 1) : null;
    Cell cell = cells.get(i);
    return before != null
        && !before.isSpace()
        && !before.isBreak()
        && !cell.isSpace()
        && !cell.isBreak();
  }

  private static void addCluster(List<Cell> cells, String cluster, Style style) {
    char first = cluster.charAt(0);
    if (first == '\n') {
      cells.add(Cell.BREAK);
    } else if (first == '\t') {
      for (int i = 0; i < TAB_COLUMNS; i++) {
        cells.add(Cell.space(style));
      }
    } else if (cluster.length() == 1 && Character.isSurrogate(first)) {
      cells.add(new Cell("\uFFFD", 1, style));
    } else if (standsAlone(cluster.codePointAt(0))) {
      Glyphs.add(cells, cluster, style);
    }
  }

  /** False for code points that draw nothing on their own: marks and format characters. */
  private static boolean standsAlone(int codePoint) {
    int type = Character.getType(codePoint);
    return type != Character.NON_SPACING_MARK
        && type != Character.ENCLOSING_MARK
        && type != Character.FORMAT;
  }

  private static String stripControls(String text, boolean keepBreaks) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .filter(cp -> cp == '\t' || (cp == '\n' && keepBreaks) || !Character.isISOControl(cp))
        .forEach(out::appendCodePoint);
    return out.toString();
  }
}
