package chat.cli.line;

import chat.cli.emoji.Graphemes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.jline.utils.AttributedString;

/**
 * Breaks line mode's text into rows that fit the terminal, as the full-screen interface does: at
 * spaces where it can, inside a word only when the word is wider than a row, never inside a glyph,
 * and every row but the first of each line starts with a hanging indent. Left to the terminal, a
 * long line wrapped at its last column and went on at the first: someone could pad a message with
 * spaces so that its end started a row of its own at column 0, reading as another user's message
 * ({@code 12:00:01 <alice> …}) or as one of the client's own lines. Here no row of a message starts
 * at column 0 but its first.
 */
public final class RowWrapper {
  /** The columns every row after the first of a line is indented by. */
  static final int INDENT = 4;

  private final int width;
  private final ToIntFunction<String> columns;

  /**
   * A wrapper to rows of {@code width} columns (0 or less: the terminal's width is not known, and
   * text is left as it is), measuring a glyph with {@code columns}.
   */
  public RowWrapper(int width, ToIntFunction<String> columns) {
    this.width = width;
    this.columns = columns;
  }

  /**
   * A wrapper for a terminal {@code terminalColumns} wide (0 or less: not known, and nothing is
   * wrapped): rows of one column less (a row that fills the last column makes some terminals add an
   * empty one), glyphs measured as JLine measures what it prints.
   */
  public static RowWrapper forTerminal(int terminalColumns) {
    return new RowWrapper(
        terminalColumns <= 0 ? 0 : terminalColumns - 1,
        glyph -> new AttributedString(glyph).columnLength());
  }

  /**
   * {@code text} in rows of at most the width, joined by {@code \n}; its own line breaks are kept.
   * Spaces where a row breaks are dropped.
   */
  public String wrap(String text) {
    if (width <= 0) {
      return text;
    }
    int hang = INDENT <= width / 2 ? INDENT : 0;
    List<String> rows = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      wrapLine(line, hang, rows);
    }
    return String.join("\n", rows);
  }

  private void wrapLine(String line, int hang, List<String> rows) {
    StringBuilder row = new StringBuilder();
    int column = 0;
    boolean continuing = false; // on a row begun by a break here, before its first glyph
    int start = 0;
    for (int end : Graphemes.ends(line)) {
      String glyph = line.substring(start, end);
      start = end;
      if (glyph.equals(" ")) {
        if (column + 1 > width) {
          rows.add(row.toString().stripTrailing());
          row.setLength(0);
          row.append(" ".repeat(hang));
          column = hang;
          continuing = true;
        } else if (!continuing) {
          row.append(' ');
          column++;
        }
        continue;
      }
      int glyphWidth = Math.max(0, columns.applyAsInt(glyph));
      if (column + glyphWidth > width && !continuing && hasGlyph(row)) {
        int space = lastSpaceAfterAGlyph(row);
        String carried = space < 0 ? "" : row.substring(space + 1);
        boolean carry = space >= 0 && hang + columns(carried) + glyphWidth <= width;
        rows.add((carry ? row.substring(0, space) : row.toString()).stripTrailing());
        row.setLength(0);
        row.append(" ".repeat(hang));
        column = hang;
        if (carry) {
          row.append(carried);
          column += columns(carried);
        }
      }
      row.append(glyph);
      column += glyphWidth;
      continuing = false;
    }
    rows.add(row.toString());
  }

  /** Whether {@code row} holds anything but spaces. */
  private static boolean hasGlyph(StringBuilder row) {
    return !row.toString().isBlank();
  }

  /**
   * Where the last space of {@code row} that follows a glyph is (the start of the word being
   * written), or -1: the spaces a row starts with are its indent, no place to break.
   */
  private static int lastSpaceAfterAGlyph(StringBuilder row) {
    int at = row.lastIndexOf(" ");
    String before = at < 0 ? "" : row.substring(0, at);
    return before.isBlank() ? -1 : at;
  }

  private int columns(String text) {
    int total = 0;
    int start = 0;
    for (int end : Graphemes.ends(text)) {
      total += Math.max(0, columns.applyAsInt(text.substring(start, end)));
      start = end;
    }
    return total;
  }
}
