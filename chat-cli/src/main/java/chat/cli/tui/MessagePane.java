package chat.cli.tui;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Draws the current conversation's scrollback into the message pane: wrapped entries, a day
 * separator where the day changes between consecutive messages, and a {@code -- more below --}
 * marker on the last row while scrolled up. Only the lines in view (plus the scroll offset) are
 * wrapped.
 */
final class MessagePane {
  /** The marker on the last row while the pane is scrolled up. */
  static final String MORE_BELOW = "-- more below --";

  private final EntryFormatter entries;

  MessagePane(EntryFormatter entries) {
    this.entries = Objects.requireNonNull(entries, "entries");
  }

  /**
   * Draws {@code buffer} into {@code rect}; {@code self} (nullable) marks mentions, {@code labels}
   * names conversations ({@link EntryFormatter#lines}).
   */
  void draw(
      ScreenWriter out,
      Rect rect,
      ConversationBuffer buffer,
      String self,
      UnaryOperator<String> labels) {
    out.fill(rect, Style.PLAIN);
    if (rect.isEmpty()) {
      return;
    }
    buffer.keepView(rect.width(), e -> entries.lines(e, rect.width(), self, labels));
    int scroll = buffer.scrollLines();
    int rows = scroll > 0 ? rect.height() - 1 : rect.height();
    List<List<Cell>> fromBottom = collect(buffer, rect.width(), self, labels, scroll + rows);
    if (fromBottom.size() < scroll + rows) {
      buffer.limitScroll(fromBottom.size() - rows);
      scroll = buffer.scrollLines();
      rows = scroll > 0 ? rect.height() - 1 : rect.height();
    }
    int shown = Math.max(0, Math.min(rows, fromBottom.size() - scroll));
    for (int k = 0; k < shown; k++) {
      List<Cell> line = fromBottom.get(scroll + k);
      out.put(rect.column(), rect.row() + shown - 1 - k, rect.right(), line);
    }
    if (scroll > 0) {
      int row = rect.row() + rect.height() - 1;
      out.fill(rect.column(), row, rect.width(), Style.MORE_MARKER);
      out.put(rect.column(), row, rect.right(), MORE_BELOW, Style.MORE_MARKER);
    }
  }

  /** Screen lines from the newest backwards, at least {@code wanted} of them if there are. */
  private List<List<Cell>> collect(
      ConversationBuffer buffer, int width, String self, UnaryOperator<String> labels, int wanted) {
    List<List<Cell>> fromBottom = new ArrayList<>();
    for (int i = buffer.size() - 1; i >= 0 && fromBottom.size() < wanted; i--) {
      List<List<Cell>> lines = buffer.lines(i, width, e -> entries.lines(e, width, self, labels));
      for (int k = lines.size() - 1; k >= 0; k--) {
        fromBottom.add(lines.get(k));
      }
      Optional<LocalDate> day = entries.day(buffer.entry(i));
      if (day.isPresent()) {
        Optional<LocalDate> before = previousDay(buffer, i);
        if (before.isPresent() && !day.equals(before)) {
          fromBottom.add(entries.daySeparator(day.get()));
        }
      }
    }
    return fromBottom;
  }

  private Optional<LocalDate> previousDay(ConversationBuffer buffer, int index) {
    for (int i = index - 1; i >= 0; i--) {
      Optional<LocalDate> day = entries.day(buffer.entry(i));
      if (day.isPresent()) {
        return day;
      }
    }
    return Optional.empty();
  }
}
