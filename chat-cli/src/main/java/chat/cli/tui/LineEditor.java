package chat.cli.tui;

import chat.cli.TerminalSafe;
import chat.cli.command.InputCompleter;
import chat.cli.command.InputParser;
import chat.cli.emoji.Graphemes;
import java.util.List;
import java.util.Objects;

/**
 * The input line: text and cursor with readline-style editing, Up/Down history, Tab completion that
 * cycles through candidates, and the horizontal scroll that keeps the cursor in view. Positions are
 * char indexes between the characters a person sees ({@link Graphemes}): Backspace removes a whole
 * emoji or a letter with its accents. UI thread only.
 */
final class LineEditor {
  private final InputHistory history = new InputHistory();
  private final StringBuilder text = new StringBuilder();
  private int cursor;
  private int scrollColumn;
  private List<String> candidates = List.of();
  private int candidate;
  private int completionStart;
  private int completionEnd;

  String text() {
    return text.toString();
  }

  /** Whether nothing is typed; unlike {@code text().isEmpty()}, copies nothing (every key asks). */
  boolean isEmpty() {
    return text.length() == 0;
  }

  int cursor() {
    return cursor;
  }

  InputHistory history() {
    return history;
  }

  /** Inserts a typed character at the cursor; control characters are ignored. */
  void insert(char c) {
    if (!Character.isISOControl(c)) {
      text.insert(cursor++, c);
    }
  }

  /**
   * Inserts a pasted character at the cursor: as {@link #insert}, but a line break or tab is kept
   * (the line is then sent as one message of several lines). Returns whether it was inserted.
   */
  boolean paste(char c) {
    if (c == '\n' || c == '\t' || !Character.isISOControl(c)) {
      text.insert(cursor++, c);
      return true;
    }
    return false;
  }

  /**
   * Replaces {@code shown}, pasted at {@code start}, with {@code settled}; nothing if the text
   * there is no longer {@code shown}. A cursor after it keeps its place in the text.
   */
  void replacePaste(int start, String shown, String settled) {
    int end = start + shown.length();
    if (start < 0 || end > text.length() || !text.substring(start, end).equals(shown)) {
      return;
    }
    text.replace(start, end, settled);
    if (cursor >= end) {
      cursor += settled.length() - shown.length();
    } else if (cursor > start) {
      cursor = start;
    }
  }

  /** Inserts {@code inserted} at the cursor and moves the cursor after it. */
  void insertText(String inserted) {
    text.insert(cursor, inserted);
    cursor += inserted.length();
  }

  void left() {
    cursor = before(cursor);
  }

  void right() {
    cursor = after(cursor);
  }

  void home() {
    cursor = 0;
  }

  void end() {
    cursor = text.length();
  }

  void backspace() {
    int from = before(cursor);
    text.delete(from, cursor);
    cursor = from;
  }

  void delete() {
    text.delete(cursor, after(cursor));
  }

  /** Ctrl-U: empties the line. */
  void clear() {
    set("");
  }

  /** Ctrl-K: deletes from the cursor to the end. */
  void killToEnd() {
    text.setLength(cursor);
  }

  /** Ctrl-W: deletes the spaces before the cursor and the word before them. */
  void deleteWord() {
    int from = cursor;
    while (from > 0 && Character.isWhitespace(text.charAt(from - 1))) {
      from--;
    }
    while (from > 0 && !Character.isWhitespace(text.charAt(from - 1))) {
      from--;
    }
    text.delete(from, cursor);
    cursor = from;
  }

  void historyPrevious() {
    history.previous(text()).ifPresent(this::set);
  }

  void historyNext() {
    history.next().ifPresent(this::set);
  }

  /**
   * Tab: replaces the word ending at the cursor with the first candidate; pressed again (with no
   * other key between), with the next one, cycling. A word that had one candidate is done: Tab
   * again completes the next word ({@code /sessions e}, Tab, Tab: {@code /sessions end 8b65…}), as
   * in line mode. Candidates are cleaned for the terminal.
   */
  void complete(InputCompleter completer) {
    if (candidates.size() == 1) {
      resetCompletion();
    }
    if (candidates.isEmpty()) {
      List<String> found = completer.complete(text(), cursor);
      if (found.isEmpty()) {
        return;
      }
      candidates = found.stream().map(TerminalSafe::line).toList();
      candidate = 0;
      completionStart = cursor;
      while (completionStart > 0 && !Character.isWhitespace(text.charAt(completionStart - 1))) {
        completionStart--;
      }
      completionEnd = cursor;
    } else {
      candidate = (candidate + 1) % candidates.size();
    }
    String replacement = candidates.get(candidate);
    boolean spaced =
        completionEnd < text.length() && Character.isWhitespace(text.charAt(completionEnd));
    if (!spaced) {
      replacement +=
          " "; // the next word can be typed at once, as in line mode; Tab again replaces it
    }
    text.replace(completionStart, completionEnd, replacement);
    completionEnd = completionStart + replacement.length();
    cursor = completionEnd;
  }

  /** Ends a completion cycle; every key but Tab calls this. */
  void resetCompletion() {
    candidates = List.of();
  }

  /**
   * Ctrl-C on a line being typed: empties the editor, keeping the line (redacted) in history, so
   * that Up brings back a line cleared by mistake.
   */
  void discard() {
    history.add(text());
    set("");
    scrollColumn = 0;
  }

  /**
   * Enter: returns the line without a paste's leading or trailing line breaks (they would only show
   * as empty lines), records it (redacted) in history and empties the editor.
   */
  String submit() {
    String line = InputParser.withoutOuterLineBreaks(text());
    history.add(line);
    set("");
    scrollColumn = 0;
    return line;
  }

  /**
   * The first column of the line, {@code lineWidth} columns wide, to show in {@code width} columns
   * so that the cursor, at display column {@code cursorColumn}, stays visible. A line that fits (or
   * fits from an earlier column, once the screen is wider) is not left scrolled past its start.
   */
  int scrollFor(int cursorColumn, int lineWidth, int width) {
    int usable = Math.max(1, width);
    // one column past the end, for the cursor there
    scrollColumn = Math.min(scrollColumn, Math.max(0, lineWidth + 1 - usable));
    if (cursorColumn < scrollColumn) {
      scrollColumn = Math.max(0, cursorColumn - usable / 2);
    } else if (cursorColumn >= scrollColumn + usable) {
      scrollColumn = cursorColumn - usable + 1;
    }
    return scrollColumn;
  }

  private void set(String line) {
    text.setLength(0);
    text.append(Objects.requireNonNull(line, "line"));
    cursor = text.length();
  }

  private int before(int index) {
    return Graphemes.previous(text.toString(), index);
  }

  private int after(int index) {
    return Graphemes.next(text.toString(), index);
  }
}
