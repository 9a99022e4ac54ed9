package chat.cli.tui;

import java.util.Objects;

/**
 * One glyph on screen: a grapheme cluster that holds no control character, the columns it takes and
 * its style. {@link #BREAK} is the one zero-width cell: a hard line break for the wrapper.
 *
 * @param glyph the grapheme cluster
 * @param width 1, or 2 for CJK and emoji (as Lanterna draws them); 0 only for {@link #BREAK}
 * @param style how it looks
 */
record Cell(String glyph, int width, Style style) {
  /** A hard line break inside a run of cells; never drawn. */
  static final Cell BREAK = new Cell("\n", 0, Style.PLAIN);

  /** Checks the fields. */
  Cell {
    Objects.requireNonNull(glyph, "glyph");
    Objects.requireNonNull(style, "style");
    boolean lineBreak = glyph.equals("\n") && width == 0;
    if (!lineBreak && (glyph.isEmpty() || width < 1 || width > 2)) {
      throw new IllegalArgumentException("a cell is one glyph of width 1 or 2");
    }
  }

  /** A one-column space in {@code style}. */
  static Cell space(Style style) {
    return new Cell(" ", 1, style);
  }

  /** Whether this is a space, where the wrapper may break a line. */
  boolean isSpace() {
    return glyph.equals(" ");
  }

  /** Whether this is the hard line break. */
  boolean isBreak() {
    return width == 0;
  }
}
