package chat.cli.tui;

import java.text.BreakIterator;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into {@link Cell}s by grapheme cluster and measures them in display columns the way
 * Lanterna draws them: CJK and emoji take two columns ({@link Glyphs} has the details for emoji
 * sequences). It is the last guard before the screen: control characters, lone surrogates and marks
 * with nothing to sit on are dropped, so nothing here can reach the terminal as a control or escape
 * sequence.
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

  /** The longest prefix of {@code cells} that fits in {@code columns}. */
  static List<Cell> fit(List<Cell> cells, int columns) {
    List<Cell> out = new ArrayList<>();
    int used = 0;
    for (Cell cell : cells) {
      if (cell.isBreak() || used + cell.width() > columns) {
        break;
      }
      out.add(cell);
      used += cell.width();
    }
    return out;
  }

  private static List<Cell> split(String text, Style style, boolean keepBreaks) {
    String clean = Normalizer.normalize(stripControls(text, keepBreaks), Normalizer.Form.NFC);
    List<Cell> cells = new ArrayList<>(clean.length());
    BreakIterator clusters = BreakIterator.getCharacterInstance();
    clusters.setText(clean);
    int start = clusters.first();
    for (int end = clusters.next(); end != BreakIterator.DONE; start = end, end = clusters.next()) {
      addCluster(cells, clean.substring(start, end), style);
    }
    return cells;
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
