package chat.cli.tui;

import chat.cli.client.LeftOutMessages;
import chat.cli.tui.PaneEntry.NoteKind;
import chat.protocol.Usernames;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The notices of messages left out for good in each pane: one per sender and reason, however many
 * times the client reports them (a message announced live, or counted by a catch-up, is counted
 * again by the history loaded when the pane opens). A later count replaces the notice only when it
 * is larger. UI thread only.
 */
final class LeftOutNotes {
  private record Shown(int count, PaneEntry.Note note) {}

  private final TuiModel model;
  private final Clock clock;
  private final Map<String, Map<String, Shown>> shown = new HashMap<>();

  LeftOutNotes(TuiModel model, Clock clock) {
    this.model = model;
    this.clock = clock;
  }

  /**
   * Shows {@code left} in its pane, unless a notice for the same sender and reason is there: then
   * it is left, or given the larger count in its place.
   */
  void show(LeftOutMessages left) {
    model.list(left.conversation());
    ConversationBuffer buffer = model.buffer(left.conversation());
    Map<String, Shown> here = shown.computeIfAbsent(left.conversation(), c -> new HashMap<>());
    String key = Usernames.key(left.sender()) + " " + left.reason().label();
    PaneEntry.Note note = new PaneEntry.Note(NoteKind.NOTICE, left.notice(), clock.millis());
    Shown before = here.get(key);
    if (before != null && buffer.holds(before.note())) {
      if (left.count() <= before.count()) {
        return;
      }
      buffer.replaceNote(before.note(), note);
    } else {
      buffer.addNote(note);
    }
    here.put(key, new Shown(left.count(), note));
  }

  /** Forgets every notice (the panes were emptied for another user). */
  void forgetAll() {
    shown.clear();
  }
}
