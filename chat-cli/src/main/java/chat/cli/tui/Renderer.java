package chat.cli.tui;

import chat.cli.TerminalSafe;
import chat.cli.client.ConnectionState;
import chat.cli.client.MemberView;
import chat.cli.client.Presence;
import chat.cli.client.TrustState;
import chat.cli.command.SocialLines;
import com.googlecode.lanterna.TerminalPosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Draws one frame: title bar, conversation list, message pane, member list, status bar and input
 * line, each clipped to its part of the {@link Layout}. Every remote string is cleaned on its way
 * to a cell.
 */
final class Renderer {
  /** What a terminal below the minimum size shows, word-wrapped to its width. */
  static final String TOO_SMALL =
      "terminal too small: " + Layout.MIN_COLUMNS + "x" + Layout.MIN_ROWS + " at least";

  private static final String PROMPT = "> ";

  /** The most columns of its end a conversation name cut for the list keeps. */
  private static final int LABEL_TAIL = 4;

  /**
   * The fewest columns a group's title is shown in (cut with an ellipsis); below, it is left out.
   */
  private static final int MIN_TITLE_COLUMNS = 4;

  /** How the input line shows a pasted line break (one column, one char like the break). */
  private static final char LINE_BREAK = '\u21B5';

  private final MessagePane messages;

  Renderer(EntryFormatter entries) {
    this.messages = new MessagePane(Objects.requireNonNull(entries, "entries"));
  }

  /**
   * The state a frame is drawn from.
   *
   * @param model conversations, members, connection
   * @param editor the input line
   * @param secret the masked prompt in progress, or null
   * @param server the relay address (from the client)
   * @param self the logged-in username, or null
   * @param trustOf local trust lookup for the status bar
   * @param labels a conversation as this user names it, cleaned for the terminal ({@link
   *     chat.cli.client.ChatClient#label})
   * @param picker the open emoji picker, or null
   */
  record Frame(
      TuiModel model,
      LineEditor editor,
      SecretEntry secret,
      String server,
      String self,
      Function<String, TrustState> trustOf,
      UnaryOperator<String> labels,
      EmojiPicker picker) {
    /** Checks the fields that must be there. */
    Frame {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(editor, "editor");
      Objects.requireNonNull(server, "server");
      Objects.requireNonNull(trustOf, "trustOf");
      Objects.requireNonNull(labels, "labels");
    }
  }

  /** Draws {@code frame}; returns where the cursor goes, or null to hide it. */
  TerminalPosition draw(ScreenWriter out, Layout layout, Frame frame) {
    if (layout.tooSmall()) {
      for (int row = 0; row < layout.rows(); row++) {
        out.fill(0, row, layout.columns(), Style.PLAIN);
      }
      List<List<Cell>> rows =
          layout.columns() < 1
              ? List.of()
              : TextWrapper.wrap(Cells.line(TOO_SMALL, Style.ERROR), layout.columns(), 0);
      for (int row = 0; row < Math.min(rows.size(), layout.rows()); row++) {
        out.put(0, row, layout.columns(), rows.get(row));
      }
      return null;
    }
    TuiModel model = frame.model();
    title(out, layout.title(), model, frame.labels());
    conversations(out, layout.conversations(), model, frame.labels());
    messages.draw(out, layout.messages(), model.currentBuffer(), frame.self(), frame.labels());
    if (frame.picker() != null) {
      EmojiPickerPane.draw(out, layout.messages(), frame.picker());
    }
    members(out, layout.members(), model.current(), model.members(model.current()));
    borders(out, layout);
    out.fill(layout.status().column(), layout.status().row(), layout.columns(), Style.BAR);
    out.put(
        0,
        layout.status().row(),
        layout.columns(),
        StatusBar.cells(
            model,
            frame.server(),
            frame.self(),
            frame.trustOf(),
            frame.labels(),
            layout.columns()));
    return input(out, layout.input(), frame.editor(), frame.secret());
  }

  private void title(ScreenWriter out, Rect rect, TuiModel model, UnaryOperator<String> labels) {
    out.fill(rect, Style.BAR);
    String current = model.current();
    List<Cell> bar =
        current.equals(TuiModel.STATUS)
            ? Cells.line(" status: command output and notices. /help lists the commands", Style.BAR)
            : conversationTitle(current, rect.width(), model, labels);
    // too narrow even so: cut at the end, marked, as the status bar is
    out.put(
        rect.column(),
        rect.row(),
        rect.right(),
        Cells.shorten(bar, rect.width(), "\u2026", Style.BAR));
  }

  /**
   * The title bar of {@code current}: its name, a group's title (cut to leave the counts in view in
   * {@code width} columns, or left out), its member counts.
   */
  private static List<Cell> conversationTitle(
      String current, int width, TuiModel model, UnaryOperator<String> labels) {
    List<MemberView> members = model.members(current);
    long online = members.stream().filter(MemberView::online).count();
    String name =
        " " + labels.apply(current) + (current.startsWith("@") ? "  private conversation" : "");
    // Offline, nobody's presence is heard: the count is the one from when it was last connected.
    String counts =
        "  "
            + members.size()
            + (members.size() == 1 ? " member, " : " members, ")
            + online
            + " online"
            + (model.connection() == ConnectionState.ONLINE || members.isEmpty()
                ? ""
                : " when last connected");
    List<Cell> bar = new ArrayList<>(Cells.line(name, Style.BAR));
    String title = TerminalSafe.inQuotes(model.title(current));
    int room = width - Cells.width(bar) - Cells.width(counts) - 3; // a space and the quotes
    if (!title.isEmpty() && room >= MIN_TITLE_COLUMNS) {
      bar.addAll(Cells.line(" \u201c", Style.BAR));
      bar.addAll(Cells.shorten(Cells.line(title, Style.BAR), room, "\u2026", Style.BAR));
      bar.addAll(Cells.line("\u201d", Style.BAR));
    }
    bar.addAll(Cells.line(counts, Style.BAR));
    return bar;
  }

  private void conversations(
      ScreenWriter out, Rect rect, TuiModel model, UnaryOperator<String> labels) {
    out.fill(rect, Style.PLAIN);
    if (rect.isEmpty()) {
      return;
    }
    List<String> entries = new ArrayList<>();
    entries.add(TuiModel.STATUS);
    entries.addAll(model.conversations());
    int selected = Math.max(0, entries.indexOf(model.current()));
    int first = Math.max(0, selected - rect.height() + 1);
    for (int i = first; i < entries.size() && i - first < rect.height(); i++) {
      int row = rect.row() + i - first;
      String id = entries.get(i);
      ConversationBuffer buffer = model.buffer(id);
      boolean current = id.equals(model.current());
      Style style = current ? Style.LIST_CURRENT : activityStyle(buffer.activity());
      out.fill(rect.column(), row, rect.width(), current ? Style.LIST_CURRENT : Style.PLAIN);
      String index = i == 0 ? "  " : String.format("%2d", i);
      int at = out.put(rect.column(), row, rect.right(), index, current ? style : Style.LIST_INDEX);
      String unread = buffer.unread() > 0 ? " " + Math.min(buffer.unread(), 999) : "";
      int labelEnd = rect.right() - unread.length();
      String label = i == 0 ? "status" : labels.apply(id);
      // Cut in the middle, with a mark: names alike but for their ends must not look the same.
      List<Cell> cells = Cells.line(label, style);
      out.put(
          at + 1,
          row,
          labelEnd,
          Cells.shortenInMiddle(cells, labelEnd - (at + 1), "\u2026", style, LABEL_TAIL));
      out.put(labelEnd, row, rect.right(), unread, style);
    }
  }

  private static Style activityStyle(Activity activity) {
    return switch (activity) {
      case NONE -> Style.LIST_ENTRY;
      case ROOM -> Style.LIST_ROOM_ACTIVITY;
      case PRIVATE -> Style.LIST_PRIVATE_ACTIVITY;
    };
  }

  private void members(ScreenWriter out, Rect rect, String conversation, List<MemberView> members) {
    out.fill(rect, Style.PLAIN);
    if (rect.isEmpty() || conversation.equals(TuiModel.STATUS)) {
      return;
    }
    out.put(rect.column(), rect.row(), rect.right(), "Members " + members.size(), Style.HEADER);
    for (int i = 0; i < members.size() && i + 1 < rect.height(); i++) {
      MemberView member = members.get(i);
      int row = rect.row() + 1 + i;
      boolean changed = member.trust() == TrustState.CHANGED;
      String mark =
          switch (member.trust()) {
            case VERIFIED -> " ✓";
            case CHANGED -> " !";
            case UNVERIFIED -> "";
          };
      int markWidth = Cells.width(mark);
      Presence.Status status = member.presence().status();
      int at =
          out.put(
              rect.column(),
              row,
              rect.right(),
              switch (status) {
                case ONLINE -> "● ";
                case AWAY -> "◐ ";
                case OFFLINE -> "○ ";
              },
              switch (status) {
                case ONLINE -> Style.PRESENCE_ONLINE;
                case AWAY -> Style.PRESENCE_AWAY;
                case OFFLINE -> Style.PRESENCE_OFFLINE;
              });
      at = out.put(at, row, rect.right(), SocialLines.roleMark(member.role()), Style.ROLE_MARK);
      Style nameStyle =
          changed
              ? Style.MARK_CHANGED
              : switch (status) {
                case ONLINE -> Style.MEMBER_ONLINE;
                case AWAY -> Style.MEMBER_AWAY;
                case OFFLINE -> Style.MEMBER_OFFLINE;
              };
      // As the conversation list: cut in the middle, so that long names alike but for their ends
      // do not look the same.
      int nameEnd = rect.right() - markWidth;
      at =
          out.put(
              at,
              row,
              nameEnd,
              Cells.shortenInMiddle(
                  Cells.line(TerminalSafe.line(member.username()), nameStyle),
                  nameEnd - at,
                  "\u2026",
                  nameStyle,
                  LABEL_TAIL));
      at = out.put(at, row, rect.right(), mark, changed ? Style.MARK_CHANGED : Style.MARK_VERIFIED);
      if (!SocialLines.muted(member).isEmpty()) {
        at = out.put(at, row, rect.right(), cut(" muted", rect.right() - at));
      }
      String away = member.presence().message();
      if (!away.isEmpty()) {
        out.put(at, row, rect.right(), cut(" " + TerminalSafe.line(away), rect.right() - at));
      }
    }
  }

  /** {@code text} after a member's name, cut with {@code …} to {@code columns}. */
  private static List<Cell> cut(String text, int columns) {
    if (columns <= 0) {
      return List.of();
    }
    return Cells.shorten(
        Cells.line(text, Style.AWAY_MESSAGE), columns, "\u2026", Style.AWAY_MESSAGE);
  }

  private void borders(ScreenWriter out, Layout layout) {
    for (Rect side : List.of(layout.conversations(), layout.members())) {
      if (side.isEmpty()) {
        continue;
      }
      int column = side == layout.conversations() ? side.right() : side.column() - 1;
      for (int row = side.row(); row < side.row() + side.height(); row++) {
        out.put(column, row, column + 1, "│", Style.BORDER);
      }
    }
  }

  private TerminalPosition input(
      ScreenWriter out, Rect rect, LineEditor editor, SecretEntry secret) {
    out.fill(rect, Style.INPUT);
    String prompt = secret == null ? PROMPT : secret.prompt().stripTrailing() + " ";
    int start =
        out.put(
            rect.column(),
            rect.row(),
            rect.right(),
            prompt,
            secret == null ? Style.PROMPT : Style.SECRET_PROMPT);
    int width = rect.right() - start;
    if (width < 1) {
      return null;
    }
    List<Cell> before;
    List<Cell> all;
    if (secret == null) {
      String text = editor.text().replace('\n', LINE_BREAK);
      // the whole line at once, for the space between adjacent flags (Cells); the cursor goes
      // where the text before it ends
      before = Cells.line(text.substring(0, editor.cursor()), Style.INPUT);
      all = Cells.line(text, Style.INPUT);
    } else {
      before = List.of(); // nothing per character: not even the secret's length shows
      all = before;
    }
    int cursorColumn = Cells.width(before);
    int scroll = editor.scrollFor(cursorColumn, Cells.width(all), width);
    int column = 0;
    for (int i = 0; i < all.size(); ) {
      int end = Cells.glyphEnd(all, i);
      List<Cell> glyph = all.subList(i, end);
      int glyphWidth = Cells.width(glyph);
      if (column >= scroll && column + glyphWidth <= scroll + width) {
        out.put(start + column - scroll, rect.row(), rect.right(), glyph);
      }
      column += glyphWidth;
      i = end;
    }
    return new TerminalPosition(start + cursorColumn - scroll, rect.row());
  }
}
