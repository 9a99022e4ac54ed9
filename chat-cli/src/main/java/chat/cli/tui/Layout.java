package chat.cli.tui;

import com.googlecode.lanterna.TerminalSize;
import java.util.Objects;

/**
 * Where each part of the screen goes for one terminal size: a title bar on top, then the
 * conversation list, the message pane and the member list side by side (the side panes shrink and
 * then disappear on narrow terminals), then the status bar and the input line. Below {@link
 * #MIN_COLUMNS} by {@link #MIN_ROWS} there is only room to say the terminal is too small.
 *
 * @param columns the terminal width
 * @param rows the terminal height
 * @param title the title bar
 * @param conversations the conversation list (empty when hidden)
 * @param messages the message pane
 * @param members the member list (empty when hidden)
 * @param status the status bar
 * @param input the input line
 * @param tooSmall whether the terminal is below the minimum size
 */
record Layout(
    int columns,
    int rows,
    Rect title,
    Rect conversations,
    Rect messages,
    Rect members,
    Rect status,
    Rect input,
    boolean tooSmall) {
  /** The narrowest terminal the full layout is drawn on. */
  static final int MIN_COLUMNS = 20;

  /** The shortest terminal the full layout is drawn on. */
  static final int MIN_ROWS = 5;

  private static final int LIST_FROM_COLUMNS = 60;
  private static final int MEMBERS_FROM_COLUMNS = 80;

  /** Checks for nulls. */
  Layout {
    for (Rect rect : new Rect[] {title, conversations, messages, members, status, input}) {
      Objects.requireNonNull(rect, "rect");
    }
  }

  /** The layout for a terminal of {@code size}. */
  static Layout of(TerminalSize size) {
    int columns = Math.max(0, size.getColumns());
    int rows = Math.max(0, size.getRows());
    Rect none = new Rect(0, 0, 0, 0);
    if (columns < MIN_COLUMNS || rows < MIN_ROWS) {
      return new Layout(columns, rows, none, none, none, none, none, none, true);
    }
    int paneRows = rows - 3;
    int listWidth = columns >= LIST_FROM_COLUMNS ? clamp(columns / 6, 12, 24) : 0;
    int membersWidth = columns >= MEMBERS_FROM_COLUMNS ? clamp(columns / 7, 12, 22) : 0;
    int messagesColumn = listWidth == 0 ? 0 : listWidth + 1;
    int messagesRight = membersWidth == 0 ? columns : columns - membersWidth - 1;
    return new Layout(
        columns,
        rows,
        new Rect(0, 0, columns, 1),
        new Rect(0, 1, listWidth, listWidth == 0 ? 0 : paneRows),
        new Rect(messagesColumn, 1, messagesRight - messagesColumn, paneRows),
        new Rect(columns - membersWidth, 1, membersWidth, membersWidth == 0 ? 0 : paneRows),
        new Rect(0, rows - 2, columns, 1),
        new Rect(0, rows - 1, columns, 1),
        false);
  }

  private static int clamp(int value, int min, int max) {
    return Math.max(min, Math.min(max, value));
  }
}
