package chat.cli.tui;

/**
 * Tracks where Lanterna believes the terminal's cursor is while it writes a frame, and says when to
 * put it back there explicitly: after a glyph of more than one code point (✅ with U+FE0F, a keycap
 * such as #️⃣, a text-style symbol with U+FE0F) some terminals advance one column and others two.
 * Moving the cursor to where Lanterna expects it after such a glyph keeps every later cell of the
 * row in its column, whatever the terminal's width tables say. Single code points need no help: the
 * TUI already measures them the way terminals do.
 */
final class GlyphCursor {
  private int column = -1;
  private int row = -1;

  /** The cursor was moved to {@code column}, {@code row} (0-based). */
  void moved(int column, int row) {
    this.column = column;
    this.row = row;
  }

  /** The row the cursor is on, or -1 if unknown. */
  int row() {
    return row;
  }

  /**
   * {@code glyph} was written at the cursor, one screen cell {@code width} columns wide as Lanterna
   * counts it; returns the column to move the cursor to now, or -1 when no move is needed (or the
   * position is not known).
   */
  int wrote(String glyph, int width) {
    if (column < 0) {
      return -1;
    }
    column += width;
    boolean ambiguous = glyph.codePointCount(0, glyph.length()) > 1;
    return ambiguous ? column : -1;
  }
}
