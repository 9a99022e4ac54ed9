package chat.cli.tui;

import chat.cli.client.LeftOutMessages;
import chat.cli.tui.PaneEntry.NoteKind;
import chat.protocol.Usernames;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The notices of messages left out for good in each pane: one per sender and reason, counting each
 * message (by its sequence number) once however many times the client reports it. A message
 * announced live, or counted by a catch-up, is found again by the history loaded when the pane
 * opens; two catch-ups, or a catch-up and a later live message, add up. UI thread only.
 */
final class LeftOutNotes {
  /** A notice in a pane, what it counts, and those messages' sequence numbers for look-ups. */
  private record Shown(LeftOutMessages counted, Set<Long> seqs, PaneEntry.Note note) {
    Shown(LeftOutMessages counted, PaneEntry.Note note) {
      this(counted, new HashSet<>(counted.seqs()), note);
    }
  }

  private final TuiModel model;
  private final Clock clock;
  private final Map<String, Map<String, Shown>> shown = new HashMap<>();

  LeftOutNotes(TuiModel model, Clock clock) {
    this.model = model;
    this.clock = clock;
  }

  /**
   * Shows {@code left} in its pane. If a notice for the same sender and reason is there, it counts
   * the messages of both (each once) in its place; messages it counts already change nothing.
   */
  void show(LeftOutMessages left) {
    model.list(left.conversation());
    ConversationBuffer buffer = model.buffer(left.conversation());
    Map<String, Shown> here = shown.computeIfAbsent(left.conversation(), c -> new HashMap<>());
    String key = Usernames.key(left.sender()) + " " + left.reason().label();
    Shown before = here.get(key);
    if (before != null && buffer.holds(before.note())) {
      List<Long> fresh = left.seqs().stream().filter(seq -> !before.seqs().contains(seq)).toList();
      if (fresh.isEmpty()) {
        return;
      }
      LeftOutMessages all = before.counted().with(fresh);
      PaneEntry.Note note = note(all);
      buffer.replaceNote(before.note(), note);
      here.put(key, new Shown(all, note));
    } else {
      PaneEntry.Note note = note(left);
      buffer.addNote(note);
      here.put(key, new Shown(left, note));
    }
  }

  /** Forgets every notice (the panes were emptied for another user). */
  void forgetAll() {
    shown.clear();
  }

  private PaneEntry.Note note(LeftOutMessages left) {
    return new PaneEntry.Note(NoteKind.NOTICE, left.notice(), clock.millis());
  }
}
