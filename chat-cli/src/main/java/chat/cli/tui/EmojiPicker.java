package chat.cli.tui;

import chat.cli.emoji.EmojiEntry;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The state of the emoji picker overlay: the filter typed so far, the emoji matching it and which
 * one is selected. Typing narrows the list, Up and Down (or Tab) move, Enter takes the selected
 * emoji. UI thread only.
 */
final class EmojiPicker {
  /** The most matches kept for one filter. */
  static final int MAX_MATCHES = 300;

  private final Function<String, List<EmojiEntry>> search;
  private final StringBuilder filter = new StringBuilder();
  private List<EmojiEntry> matches = List.of();
  private int selected;

  /**
   * A picker that finds matches with {@code search} (a filter to the best matches first), starting
   * with {@code initialFilter}.
   */
  EmojiPicker(Function<String, List<EmojiEntry>> search, String initialFilter) {
    this.search = Objects.requireNonNull(search, "search");
    filter.append(initialFilter.strip());
    refresh();
  }

  String filter() {
    return filter.toString();
  }

  List<EmojiEntry> matches() {
    return matches;
  }

  /** The index of the selected match (0 when there are none). */
  int selected() {
    return selected;
  }

  /** Adds a typed character to the filter; control characters are ignored. */
  void type(char c) {
    if (!Character.isISOControl(c)) {
      filter.append(c);
      refresh();
    }
  }

  /** Removes the last character of the filter. */
  void backspace() {
    if (filter.length() > 0) {
      filter.setLength(filter.offsetByCodePoints(filter.length(), -1));
      refresh();
    }
  }

  /** Empties the filter. */
  void clearFilter() {
    filter.setLength(0);
    refresh();
  }

  /** Moves the selection by {@code delta}, stopping at the ends. */
  void move(int delta) {
    if (!matches.isEmpty()) {
      selected = Math.max(0, Math.min(matches.size() - 1, selected + delta));
    }
  }

  /** Moves the selection down, back to the top after the last match. */
  void next() {
    if (!matches.isEmpty()) {
      selected = (selected + 1) % matches.size();
    }
  }

  /** The selected emoji, if any match. */
  Optional<EmojiEntry> choice() {
    return matches.isEmpty() ? Optional.empty() : Optional.of(matches.get(selected));
  }

  /** The first match to show in {@code rows} rows so that the selected one is visible. */
  int firstVisible(int rows) {
    if (rows < 1 || selected < rows) {
      return 0;
    }
    return selected - rows + 1;
  }

  private void refresh() {
    matches = List.copyOf(search.apply(filter.toString()));
    selected = 0;
  }
}
