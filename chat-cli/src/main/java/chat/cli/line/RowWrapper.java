package chat.cli.line;

import chat.cli.emoji.Graphemes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.jline.utils.WCWidth;

/**
 * Breaks the text line mode prints, and {@code chat listen} and {@code chat history} print to a
 * terminal, into rows that fit the terminal, as the full-screen interface does: at spaces where it
 * can, inside a word only when the word is wider than a row, never inside a glyph, and every row
 * but the first of each line starts with a hanging indent. Left to the terminal, a long line
 * wrapped at its last column and went on at the first: someone could pad a message with spaces so
 * that its end started a row of its own at column 0, reading as another user's message ({@code
 * 12:00:01 <alice> …}) or as one of the client's own lines. Here no row of a message starts at
 * column 0 but its first.
 */
public final class RowWrapper {
  /** The columns every row after the first of a line is indented by. */
  static final int INDENT = 4;

  /** The spaces a tab becomes. */
  static final int TAB_COLUMNS = 4;

  /** Unicode's prepended concatenation marks: format characters that terminals draw. */
  private static final Set<Integer> PREPENDED_MARKS =
      Set.of(
          0x0600, 0x0601, 0x0602, 0x0603, 0x0604, 0x0605, 0x06DD, 0x070F, 0x0890, 0x0891, 0x08E2,
          0x110BD, 0x110CD);

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
   * empty one), glyphs measured by {@link #glyphColumns}.
   */
  public static RowWrapper forTerminal(int terminalColumns) {
    return new RowWrapper(terminalColumns <= 0 ? 0 : terminalColumns - 1, RowWrapper::glyphColumns);
  }

  /**
   * The most columns {@code glyph} may take on a terminal, at least one: the sum of its characters'
   * widths, so that a sequence a terminal does not join (an emoji with a skin tone, a ZWJ family)
   * is counted as the parts it then draws. Terminals differ where {@code wcwidth}, JLine's measure,
   * says 0 or 1: a skin-tone modifier counts two (drawn alone, it is an emoji), an emoji
   * presentation selector (U+FE0F) one more (many terminals draw ❤️ two wide), and a prepended
   * concatenation mark such as U+0600 one. Too wide a measure only wraps a row early; too narrow a
   * one would let the terminal wrap it, at column 0.
   */
  static int glyphColumns(String glyph) {
    int total = glyph.codePoints().map(RowWrapper::codePointColumns).sum();
    return Math.max(1, total);
  }

  private static int codePointColumns(int cp) {
    if (cp >= 0x1F3FB && cp <= 0x1F3FF) {
      return 2;
    }
    if (cp == 0xFE0F || PREPENDED_MARKS.contains(cp)) {
      return 1;
    }
    return Math.max(0, WCWidth.wcwidth(cp));
  }

  /**
   * {@code text} in rows of at most the width, joined by {@code \n}; its own line breaks are kept.
   * Spaces where a row breaks are dropped, and a tab is {@value #TAB_COLUMNS} spaces, as the full
   * screen draws it: a terminal moves a tab to its next stop, which a measure cannot know.
   */
  public String wrap(String text) {
    if (width <= 0) {
      return text;
    }
    int hang = INDENT <= width / 2 ? INDENT : 0;
    List<String> rows = new ArrayList<>();
    for (String line : text.replace("\t", " ".repeat(TAB_COLUMNS)).split("\n", -1)) {
      wrapLine(line, hang, rows);
    }
    return String.join("\n", rows);
  }

  private void wrapLine(String line, int hang, List<String> rows) {
    StringBuilder row = new StringBuilder();
    int column = 0;
    boolean hasGlyph = false; // the row holds more than its indent and spaces
    boolean continuing = false; // on a row begun by a break here, before its first glyph
    int wordStart = -1; // where the word being written starts, after a space that follows a glyph
    int wordColumns = 0;
    for (String glyph : glyphs(line, width - hang)) {
      if (glyph.equals(" ")) {
        if (column + 1 > width) {
          rows.add(row.toString().stripTrailing());
          row.setLength(0);
          row.append(" ".repeat(hang));
          column = hang;
          hasGlyph = false;
          continuing = true;
          wordStart = -1;
        } else if (!continuing) {
          row.append(' ');
          column++;
          wordStart = hasGlyph ? row.length() : -1;
        }
        wordColumns = 0;
        continue;
      }
      int glyphWidth = Math.max(0, columns.applyAsInt(glyph));
      if (column + glyphWidth > width && hasGlyph) {
        boolean carry = wordStart >= 0 && hang + wordColumns + glyphWidth <= width;
        String carried = carry ? row.substring(wordStart) : "";
        rows.add((carry ? row.substring(0, wordStart) : row.toString()).stripTrailing());
        row.setLength(0);
        row.append(" ".repeat(hang)).append(carried);
        column = hang + (carry ? wordColumns : 0);
        hasGlyph = carry;
        wordStart = -1;
        if (!carry) {
          wordColumns = 0;
        }
      }
      row.append(glyph);
      column += glyphWidth;
      wordColumns += glyphWidth;
      hasGlyph = true;
      continuing = false;
    }
    if (!continuing) {
      rows.add(row.toString());
    } // else spaces broke the row after its last glyph: no row of the indent alone
  }

  /**
   * The glyphs of {@code line}, each one wider than {@code most} columns split into its characters:
   * a cluster of any length can be one glyph (marks that join the character after them, such as
   * U+0600, or a long ZWJ sequence), and kept whole it would fill a row past the terminal's edge.
   */
  private List<String> glyphs(String line, int most) {
    List<String> glyphs = new ArrayList<>();
    int start = 0;
    for (int end : Graphemes.ends(line)) {
      String glyph = line.substring(start, end);
      start = end;
      if (glyph.length() > 1 && columns.applyAsInt(glyph) > most) {
        glyph.codePoints().forEach(cp -> glyphs.add(Character.toString(cp)));
      } else {
        glyphs.add(glyph);
      }
    }
    return glyphs;
  }
}
