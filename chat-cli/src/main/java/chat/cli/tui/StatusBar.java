package chat.cli.tui;

import chat.cli.TerminalSafe;
import chat.cli.client.ConnectionState;
import chat.cli.client.FileTransfer;
import chat.cli.client.MemberView;
import chat.cli.client.TransferState;
import chat.cli.client.TrustState;
import chat.cli.command.FileText;
import chat.protocol.ConversationIds;
import chat.protocol.Usernames;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The status bar above the input line: relay, user, current conversation, connection state, the
 * trust state of the conversation, which other conversations have activity, the progress of file
 * transfers, and whether a command is still running. Offline states and changed keys stand out in
 * white on red.
 */
final class StatusBar {
  /** The most columns a file name takes in the bar, {@code ~} included. */
  static final int MAX_NAME_COLUMNS = 20;

  private StatusBar() {}

  /**
   * The bar's cells for a bar {@code columns} wide: without the relay's address when everything
   * does not fit, so that what changes (activity, transfers, a command running) is what stays in
   * view on a narrow terminal; the bar is cut with {@code …} if it still does not fit. {@code
   * labels} names the current conversation, cleaned for the terminal ({@link
   * chat.cli.client.ChatClient#label}).
   */
  static List<Cell> cells(
      TuiModel model,
      String server,
      String self,
      Function<String, TrustState> trustOf,
      UnaryOperator<String> labels,
      int columns) {
    List<Cell> rest =
        rest(
            model,
            self,
            trustOf,
            labels,
            Integer.MAX_VALUE,
            Integer.MAX_VALUE,
            false,
            Integer.MAX_VALUE);
    int over = width(rest) - columns;
    boolean quiet = false;
    if (over > 0) {
      // The conversation's name gives way first, then the user's own (each cut with …, to at
      // least MIN_LABEL_COLUMNS), so the key-trust state after them stays whole.
      int label = labelWidth(model, labels);
      int labelColumns = Math.max(MIN_LABEL_COLUMNS, label - over);
      over -= label - Math.min(label, labelColumns);
      int name = self == null ? 0 : Cells.width(TerminalSafe.line(self));
      int selfColumns = over > 0 ? Math.max(MIN_LABEL_COLUMNS, name - over) : Integer.MAX_VALUE;
      rest =
          rest(model, self, trustOf, labels, labelColumns, selfColumns, false, Integer.MAX_VALUE);
      int alert = alertWidth(model, self, trustOf, labels);
      if (width(rest) > columns && (hasActivity(model) || alert > 0)) {
        // Still too wide, and the activity or a changed key's warning would be cut: on a terminal
        // too narrow for the conversation list the activity is the one sign of messages
        // elsewhere, and the warning is the one sign of a key to check. ONLINE and a calm trust
        // summary (unverified, all verified) give way to them; a changed key or a lost connection
        // does not, though a changed key's names do (trustCells).
        quiet = true;
        rest =
            rest(model, self, trustOf, labels, labelColumns, selfColumns, true, Integer.MAX_VALUE);
        // The names give way to the activity, or, with none, only as far as the warning itself
        // does not fit: what comes after it (working..., transfers) is cut at the edge instead.
        int trustOver = width(rest) - columns - (hasActivity(model) ? 0 : afterTrustWidth(model));
        if (trustOver > 0 && alert > 0) {
          int trustColumns = alert - trustOver;
          rest = rest(model, self, trustOf, labels, labelColumns, selfColumns, true, trustColumns);
        }
      }
    }
    List<Cell> cells = new ArrayList<>();
    segment(cells, TerminalSafe.line(server), Style.BAR);
    if (quiet || width(cells) + width(rest) > columns) {
      // Still too wide: cut with a mark, so that the last segment does not read as whole.
      return Cells.shorten(rest, columns, "\u2026", Style.BAR);
    }
    cells.addAll(rest);
    return cells;
  }

  /** {@code text} in the bar's style, cut with {@code …} to {@code columns} if longer. */
  private static List<Cell> cut(String text, int columns) {
    return Cells.shorten(Cells.line(text, Style.BAR), columns, "\u2026", Style.BAR);
  }

  private static int width(List<Cell> cells) {
    return cells.stream().mapToInt(Cell::width).sum();
  }

  /** The fewest columns the current conversation's name is cut to on a narrow terminal. */
  static final int MIN_LABEL_COLUMNS = 8;

  /** The columns of the current conversation's name as the bar shows it, uncut. */
  private static int labelWidth(TuiModel model, UnaryOperator<String> labels) {
    String current = model.current();
    return current.equals(TuiModel.STATUS) ? 0 : Cells.width(labels.apply(current));
  }

  /** The columns of the current conversation's changed-key warning, uncut; 0 for none. */
  private static int alertWidth(
      TuiModel model,
      String self,
      Function<String, TrustState> trustOf,
      UnaryOperator<String> labels) {
    String current = model.current();
    if (current.equals(TuiModel.STATUS)) {
      return 0;
    }
    return trust(current, self, model.members(current), trustOf, labels)
        .filter(t -> t.style() == Style.BAR_ALERT)
        .map(t -> Cells.width(t.text()))
        .orElse(0);
  }

  /** The columns of what follows the trust state in the bar: activity, transfers, working. */
  private static int afterTrustWidth(TuiModel model) {
    List<Cell> after = new ArrayList<>();
    afterTrust(after, model);
    return width(after);
  }

  /** Whether another conversation has activity ({@link #activity} shows it). */
  private static boolean hasActivity(TuiModel model) {
    return model.conversations().stream()
        .anyMatch(conversation -> model.buffer(conversation).activity() != Activity.NONE);
  }

  /**
   * Everything but the relay, the conversation's name cut to {@code labelColumns}, the user's own
   * to {@code selfColumns} and the trust summary to {@code trustColumns} ({@link #trustCells});
   * {@code quiet} leaves out the connection state while it is ONLINE and a trust summary that is
   * not a changed key.
   */
  private static List<Cell> rest(
      TuiModel model,
      String self,
      Function<String, TrustState> trustOf,
      UnaryOperator<String> labels,
      int labelColumns,
      int selfColumns,
      boolean quiet,
      int trustColumns) {
    List<Cell> cells = new ArrayList<>();
    if (self == null) {
      segment(cells, "not logged in", Style.BAR);
    } else {
      segment(cells, cut(TerminalSafe.line(self), selfColumns));
    }
    if (self != null && model.away()) {
      segment(cells, "away", Style.BAR_WARN);
    }
    String current = model.current();
    if (current.equals(TuiModel.STATUS)) {
      segment(cells, "status", Style.BAR);
    } else {
      List<Cell> label = Cells.line((model.indexOf(current) + 1) + ":", Style.BAR);
      label.addAll(cut(labels.apply(current), labelColumns));
      segment(cells, label);
    }
    ConnectionState state = model.connection();
    if (!quiet || state != ConnectionState.ONLINE) {
      segment(
          cells, state.name(), state == ConnectionState.ONLINE ? Style.BAR_GOOD : Style.BAR_ALERT);
    }
    if (!current.equals(TuiModel.STATUS)) {
      trust(current, self, model.members(current), trustOf, labels)
          .filter(t -> !quiet || t.style() == Style.BAR_ALERT)
          .ifPresent(t -> segment(cells, trustCells(t, trustColumns)));
    }
    afterTrust(cells, model);
    return cells;
  }

  /** What follows the trust state in the bar: activity, transfers, and a command still running. */
  private static void afterTrust(List<Cell> cells, TuiModel model) {
    activity(cells, model);
    transfers(cells, model);
    if (model.busyCommands() > 0) {
      segment(cells, "working...", Style.BAR_WARN);
    }
  }

  /**
   * A trust summary: for a direct conversation the other user's state (named as {@code labels}
   * names the conversation), for a room the members whose key changed, else whether all are
   * verified.
   */
  static Optional<Segment> trust(
      String conversation,
      String self,
      List<MemberView> members,
      Function<String, TrustState> trustOf,
      UnaryOperator<String> labels) {
    String selfKey = self == null ? "" : Usernames.key(self);
    if (ConversationIds.isDirect(conversation)) {
      List<String> parties = ConversationIds.parties(conversation);
      String other = parties.get(0).equals(selfKey) ? parties.get(1) : parties.get(0);
      String label = labels.apply(conversation);
      String named = label.startsWith("@") ? label.substring(1) : other;
      return Optional.of(summary(trustOf.apply(other), List.of(named)));
    }
    List<String> changed = new ArrayList<>();
    int unverified = 0;
    int others = 0;
    for (MemberView member : members) {
      if (Usernames.key(member.username()).equals(selfKey)) {
        continue;
      }
      others++;
      if (member.trust() == TrustState.CHANGED) {
        changed.add(member.username());
      } else if (member.trust() == TrustState.UNVERIFIED) {
        unverified++;
      }
    }
    if (!changed.isEmpty()) {
      return Optional.of(summary(TrustState.CHANGED, changed));
    }
    if (others == 0) {
      return Optional.empty();
    }
    return Optional.of(
        unverified == 0
            ? new Segment("all verified", Style.BAR_GOOD)
            : new Segment(unverified + " unverified", Style.BAR_WARN));
  }

  /** How a changed-key warning starts; the names of those whose key changed follow. */
  private static final String CHANGED = "CHANGED key: ";

  /**
   * {@code trust} in at most {@code columns}: a changed-key warning cuts its names with {@code …},
   * then shows {@code CHANGED key} alone, then {@code CHANGED…}, and never less.
   */
  private static List<Cell> trustCells(Segment trust, int columns) {
    List<Cell> whole = Cells.line(trust.text(), trust.style());
    if (width(whole) <= columns || !trust.text().startsWith(CHANGED)) {
      return whole; // only a changed key's warning is ever given fewer columns than it takes
    }
    if (columns >= Cells.width(CHANGED) + 2) {
      return Cells.shorten(whole, columns, "\u2026", trust.style());
    }
    String bare = CHANGED.substring(0, CHANGED.indexOf(':'));
    return Cells.line(columns >= Cells.width(bare) ? bare : "CHANGED\u2026", trust.style());
  }

  private static Segment summary(TrustState state, List<String> names) {
    return switch (state) {
      case VERIFIED -> new Segment("verified", Style.BAR_GOOD);
      case UNVERIFIED -> new Segment("unverified", Style.BAR_WARN);
      case CHANGED ->
          new Segment(CHANGED + TerminalSafe.line(String.join(", ", names)), Style.BAR_ALERT);
    };
  }

  private static void activity(List<Cell> cells, TuiModel model) {
    List<Cell> list = new ArrayList<>();
    List<String> conversations = model.conversations();
    for (int i = 0; i < conversations.size(); i++) {
      Activity activity = model.buffer(conversations.get(i)).activity();
      if (activity != Activity.NONE) {
        if (!list.isEmpty()) {
          list.add(new Cell(",", 1, Style.BAR));
        }
        Style style = activity == Activity.PRIVATE ? Style.BAR_PRIVATE : Style.BAR_WARN;
        list.addAll(Cells.line(Integer.toString(i + 1), style));
      }
    }
    if (!list.isEmpty()) {
      cells.addAll(Cells.line(" [Act: ", Style.BAR));
      cells.addAll(list);
      cells.addAll(Cells.line("]", Style.BAR));
    }
  }

  /**
   * Up to two moving file transfers as {@code up report.pdf [####------] 45%}, each name cut to
   * {@value #MAX_NAME_COLUMNS} columns between glyphs, ending in {@code ~} when cut.
   */
  private static void transfers(List<Cell> cells, TuiModel model) {
    List<FileTransfer> moving = model.transfers();
    for (int i = 0; i < Math.min(2, moving.size()); i++) {
      FileTransfer transfer = moving.get(i);
      String verb = transfer.state() == TransferState.UPLOADING ? "up " : "down ";
      List<Cell> text = Cells.line(verb, Style.BAR_GOOD);
      text.addAll(
          Cells.shorten(
              Cells.line(TerminalSafe.line(transfer.name()), Style.BAR_GOOD),
              MAX_NAME_COLUMNS,
              "~",
              Style.BAR_GOOD));
      String progress = " [" + FileText.bar(transfer.percent(), 10) + "] " + transfer.percent();
      text.addAll(Cells.line(progress + "%", Style.BAR_GOOD));
      segment(cells, text);
    }
    if (moving.size() > 2) {
      segment(cells, "+" + (moving.size() - 2) + " transfers", Style.BAR);
    }
  }

  private static void segment(List<Cell> cells, String text, Style style) {
    segment(cells, Cells.line(text, style));
  }

  private static void segment(List<Cell> cells, List<Cell> text) {
    cells.addAll(Cells.line(" [", Style.BAR));
    cells.addAll(text);
    cells.addAll(Cells.line("]", Style.BAR));
  }

  /**
   * One coloured part of the bar.
   *
   * @param text what it says (clean)
   * @param style how it looks
   */
  record Segment(String text, Style style) {
    /** Checks for nulls. */
    Segment {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(style, "style");
    }
  }
}
