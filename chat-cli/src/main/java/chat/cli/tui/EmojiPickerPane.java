package chat.cli.tui;

import chat.cli.emoji.EmojiEntry;
import java.util.List;

/**
 * Draws the emoji picker as a box over the bottom of the message pane, as wide as the pane so that
 * no message text (nor half of a wide glyph) shows beside it: a title row with the filter and the
 * keys, then one emoji per row with its shortcode and name, the selected one highlighted.
 */
final class EmojiPickerPane {
  /** The most emoji rows shown at once. */
  static final int MAX_ROWS = 10;

  private EmojiPickerPane() {}

  /** Draws {@code picker} inside {@code pane}. */
  static void draw(ScreenWriter out, Rect pane, EmojiPicker picker) {
    if (pane.isEmpty() || pane.height() < 2) {
      return;
    }
    int width = pane.width();
    int rows = Math.min(MAX_ROWS, pane.height() - 1);
    int top = pane.row() + pane.height() - rows - 1;
    int left = pane.column();
    int right = left + width;
    out.fill(left, top, width, Style.BAR);
    String title =
        " emoji: "
            + picker.filter()
            + "_  ("
            + picker.matches().size()
            + (picker.matches().size() == EmojiPicker.MAX_MATCHES ? "+" : "")
            + ")  Up/Down Enter Esc";
    out.put(left, top, right, title, Style.BAR);
    List<EmojiEntry> matches = picker.matches();
    int first = picker.firstVisible(rows);
    for (int i = 0; i < rows; i++) {
      int row = top + 1 + i;
      int index = first + i;
      boolean selected = index == picker.selected() && index < matches.size();
      Style style = selected ? Style.LIST_CURRENT : Style.PLAIN;
      out.fill(left, row, width, style);
      if (index < matches.size()) {
        EmojiEntry entry = matches.get(index);
        int at = out.put(left + 1, row, right, entry.emoji(), style);
        at = out.put(Math.max(at + 1, left + 4), row, right, entry.shortcode(), style);
        out.put(at + 2, row, right, entry.description(), selected ? style : Style.TIME);
      } else if (index == 0) {
        out.put(left + 1, row, right, "no emoji match", Style.INFO);
      }
    }
  }
}
