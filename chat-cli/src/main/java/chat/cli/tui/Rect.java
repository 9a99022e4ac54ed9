package chat.cli.tui;

/**
 * A rectangle of screen cells; a zero width or height means the part is hidden.
 *
 * @param column the left column
 * @param row the top row
 * @param width columns
 * @param height rows
 */
record Rect(int column, int row, int width, int height) {
  /** Checks the fields. */
  Rect {
    if (column < 0 || row < 0 || width < 0 || height < 0) {
      throw new IllegalArgumentException("a rectangle has no negative coordinates or sizes");
    }
  }

  /** The column after the right edge. */
  int right() {
    return column + width;
  }

  boolean isEmpty() {
    return width == 0 || height == 0;
  }
}
