package chat.cli.tui;

import java.util.ArrayList;
import java.util.List;

/**
 * Breaks a run of cells into screen lines of a given width: at spaces where it can, inside a word
 * only when the word is wider than a line, and at every {@link Cell#BREAK}. Inside a word it breaks
 * only between glyphs, never between the cells of one (a flag drawn as two letters, a ZWJ sequence
 * drawn as its parts), unless that glyph alone is wider than a line. Lines after the first start
 * with a hanging indent so a message's text stays clear of its time and sender.
 */
final class TextWrapper {
  private TextWrapper() {}

  /**
   * Wraps {@code cells} to {@code width} columns; continuation lines start with {@code indent}
   * spaces (none when the indent would leave less than half the width). Returns at least one line.
   */
  static List<List<Cell>> wrap(List<Cell> cells, int width, int indent) {
    if (width < 1) {
      throw new IllegalArgumentException("width must be positive");
    }
    int hang = indent > 0 && indent <= width / 2 ? indent : 0;
    List<List<Cell>> lines = new ArrayList<>();
    List<Cell> line = new ArrayList<>();
    int column = 0;
    boolean softBreak = false;
    int i = 0;
    while (i < cells.size()) {
      Cell cell = cells.get(i);
      if (cell.isBreak() || (cell.isSpace() && column + 1 > width)) {
        lines.add(line);
        line = indent(hang);
        column = hang;
        softBreak = !cell.isBreak();
        i++;
        continue;
      }
      if (cell.isSpace()) {
        if (!softBreak) {
          line.add(cell);
          column++;
        }
        i++;
        continue;
      }
      softBreak = false;
      int end = wordEnd(cells, i);
      int wordWidth = Cells.width(cells.subList(i, end));
      if (column + wordWidth > width && wordWidth <= width - hang && column > hang) {
        trimTrailingSpaces(line);
        lines.add(line);
        line = indent(hang);
        column = hang;
        continue;
      }
      while (i < end) {
        int glyphEnd = Cells.glyphEnd(cells, i);
        // a glyph wider than any line is split between its parts, else it goes whole
        int step = Cells.width(cells.subList(i, glyphEnd)) > width - hang ? 1 : glyphEnd - i;
        for (; i < glyphEnd; i += step) {
          List<Cell> part = cells.subList(i, i + step);
          int partWidth = Cells.width(part);
          if (column + partWidth > width && column > hang) {
            lines.add(line);
            line = indent(hang);
            column = hang;
          }
          line.addAll(part);
          column += partWidth;
        }
      }
    }
    lines.add(line);
    return lines;
  }

  private static int wordEnd(List<Cell> cells, int start) {
    int end = start;
    while (end < cells.size() && !cells.get(end).isSpace() && !cells.get(end).isBreak()) {
      end++;
    }
    return end;
  }

  private static List<Cell> indent(int columns) {
    List<Cell> line = new ArrayList<>();
    for (int i = 0; i < columns; i++) {
      line.add(Cell.space(Style.PLAIN));
    }
    return line;
  }

  private static void trimTrailingSpaces(List<Cell> line) {
    while (!line.isEmpty() && line.get(line.size() - 1).isSpace()) {
      line.remove(line.size() - 1);
    }
  }
}
