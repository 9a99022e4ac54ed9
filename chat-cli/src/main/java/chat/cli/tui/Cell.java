package chat.cli.tui;

import java.util.Objects;

/**
 * One screen cell: a grapheme cluster that holds no control character, the columns it takes and its
 * style. {@link #BREAK} is the one zero-width cell: a hard line break for the wrapper. A glyph the
 * TUI draws as several cells (a flag as its two letters, a ZWJ sequence as its parts, see {@link
 * Glyphs}) is one cell and cells that {@link #continues continue} it: wrapping and clipping keep
 * them together.
 *
 * @param glyph the grapheme cluster
 * @param width 1, or 2 for CJK and emoji (as Lanterna draws them); 0 only for {@link #BREAK}
 * @param style how it looks
 * @param continues whether this cell is a later part of the glyph the cell before it starts
 */
record Cell(String glyph, int width, Style style, boolean continues) {
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
    if (continues && (lineBreak || glyph.equals(" "))) {
      throw new IllegalArgumentException("a space or line break continues no glyph");
    }
  }

  /** A cell that starts a glyph of its own. */
  Cell(String glyph, int width, Style style) {
    this(glyph, width, style, false);
  }

  /** This cell as a later part of the glyph the cell before it starts. */
  Cell asContinuation() {
    return new Cell(glyph, width, style, true);
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
