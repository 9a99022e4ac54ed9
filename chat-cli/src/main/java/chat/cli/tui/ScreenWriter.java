package chat.cli.tui;

import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.screen.Screen;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Puts cells into a Lanterna screen's back buffer, clipped to a column range so that no pane draws
 * into its neighbour (a glyph that would straddle the edge, double-width or drawn as several cells
 * such as a flag's two letters, becomes spaces).
 */
final class ScreenWriter {
  private static final int CACHE_LIMIT = 20_000;

  private final Screen screen;
  private final boolean monochrome;
  private final Map<Style, Map<String, TextCharacter>> characters = new EnumMap<>(Style.class);
  private int cached;

  ScreenWriter(Screen screen) {
    this(screen, false);
  }

  /**
   * A writer to {@code screen}; {@code monochrome} draws every style in the terminal's own colours
   * ({@code NO_COLOR}), with the attributes {@link Style#monochrome} gives in their place.
   */
  ScreenWriter(Screen screen, boolean monochrome) {
    this.screen = Objects.requireNonNull(screen, "screen");
    this.monochrome = monochrome;
  }

  /**
   * Fills {@code width} columns of {@code row} from {@code column} with blanks in {@code style}.
   */
  void fill(int column, int row, int width, Style style) {
    TextCharacter blank = character(" ", style);
    for (int i = 0; i < width; i++) {
      screen.setCharacter(column + i, row, blank);
    }
  }

  /** Fills every row of {@code rect} with blanks in {@code style}. */
  void fill(Rect rect, Style style) {
    for (int row = rect.row(); row < rect.row() + rect.height(); row++) {
      fill(rect.column(), row, rect.width(), style);
    }
  }

  /**
   * Draws {@code cells} on {@code row} from {@code column}, stopping before column {@code limit};
   * returns the column after the last cell drawn.
   */
  int put(int column, int row, int limit, List<Cell> cells) {
    int at = column;
    int i = 0;
    while (i < cells.size() && !cells.get(i).isBreak() && at < limit) {
      int end = Cells.glyphEnd(cells, i);
      List<Cell> glyph = cells.subList(i, end);
      if (at + Cells.width(glyph) > limit) {
        fill(at, row, limit - at, glyph.get(0).style());
        return limit;
      }
      for (Cell cell : glyph) {
        screen.setCharacter(at, row, character(cell.glyph(), cell.style()));
        at += cell.width();
      }
      i = end;
    }
    return at;
  }

  /** Draws one line of {@code text} in {@code style}, clipped like {@link #put}. */
  int put(int column, int row, int limit, String text, Style style) {
    return put(column, row, limit, Cells.line(text, style));
  }

  private TextCharacter character(String glyph, Style style) {
    Map<String, TextCharacter> forStyle = characters.computeIfAbsent(style, s -> new HashMap<>());
    TextCharacter character = forStyle.get(glyph);
    if (character == null) {
      if (cached > CACHE_LIMIT) {
        characters.values().forEach(Map::clear);
        cached = 0;
      }
      character =
          monochrome
              ? TextCharacter.fromString(
                  glyph, TextColor.ANSI.DEFAULT, TextColor.ANSI.DEFAULT, style.monochrome())[0]
              : TextCharacter.fromString(
                  glyph, style.foreground(), style.background(), style.modifiers())[0];
      boolean wide = Glyphs.columns(glyph) == 2;
      if (character.isDoubleWidth() != wide) {
        character = new Measured(character, wide);
      }
      forStyle.put(glyph, character);
      cached++;
    }
    return character;
  }

  /**
   * A glyph that Lanterna would measure otherwise than terminals draw it ({@link Glyphs#columns}):
   * a letter with marks, or a character such as 𝐛 (one column, though Lanterna counts two) or ￥
   * (two columns, though Lanterna counts one). Without it the rest of the row is drawn out of
   * place.
   */
  private static final class Measured extends TextCharacter {
    private static final long serialVersionUID = 1L;

    private final boolean doubleWidth;

    // Deprecated in favour of the static factories, which cannot make a subclass: this is the one
    // way to give Lanterna a glyph with a width of our choosing.
    @SuppressWarnings("deprecation")
    Measured(TextCharacter glyph, boolean doubleWidth) {
      super(glyph);
      this.doubleWidth = doubleWidth;
    }

    @Override
    public boolean isDoubleWidth() {
      return doubleWidth;
    }
  }
}
