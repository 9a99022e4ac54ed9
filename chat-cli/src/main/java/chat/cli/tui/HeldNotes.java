package chat.cli.tui;

import chat.cli.client.HeldMessages;
import chat.cli.command.CommandWords;
import chat.cli.tui.PaneEntry.NoteKind;
import chat.protocol.Usernames;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The notices of held messages in each pane: one per sender, counting each message (by its sequence
 * number) once however many times the client reports it (the live message or a catch-up, then the
 * history loaded when the pane opens), so that reports that overlap add up to the distinct
 * messages; turned into a line that says they are shown once the sender's new key is accepted. UI
 * thread only.
 */
final class HeldNotes {
  private record Shown(HeldMessages held, PaneEntry.Note note) {}

  private final TuiModel model;
  private final Clock clock;
  private final Map<String, Map<String, Shown>> shown = new HashMap<>();

  HeldNotes(TuiModel model, Clock clock) {
    this.model = model;
    this.clock = clock;
  }

  /**
   * Shows {@code held} in its pane, in the place of the notice for the same sender if it is there:
   * that notice then counts the messages of both, each (by its sequence number) once, and is left
   * as it is when {@code held} adds none. Once that notice is gone from the pane, a new one counts
   * every message of the sender's held there so far.
   */
  void show(HeldMessages held) {
    model.list(held.conversation());
    ConversationBuffer buffer = model.buffer(held.conversation());
    Map<String, Shown> here = shown.computeIfAbsent(held.conversation(), c -> new HashMap<>());
    String sender = Usernames.key(held.sender());
    Shown before = here.get(sender);
    boolean there = before != null && buffer.holds(before.note());
    HeldMessages counted = before == null ? held : before.held().with(held.seqs());
    if (there && counted.count() == before.held().count()) {
      return;
    }
    PaneEntry.Note note = note(NoteKind.NOTICE, CommandWords.SLASH.held(counted));
    if (there) {
      note = buffer.replaceNote(before.note(), note);
    } else {
      buffer.addNote(note);
    }
    here.put(sender, new Shown(counted, note));
  }

  /**
   * {@code username}'s new key was accepted: each notice of theirs gives way to a line, below the
   * pane's last, that says the messages are shown (in their place: above, by their times), and why
   * they were held, for a key accepted in another window of the profile too.
   */
  void released(String username) {
    String sender = Usernames.key(username);
    for (Map.Entry<String, Map<String, Shown>> pane : shown.entrySet()) {
      Shown was = pane.getValue().remove(sender);
      if (was != null && model.buffer(pane.getKey()).holds(was.note())) {
        ConversationBuffer buffer = model.buffer(pane.getKey());
        buffer.removeNote(was.note());
        buffer.addNote(
            note(
                NoteKind.INFO,
                "the messages held from "
                    + username
                    + " until their new key was accepted are shown in their place, above"));
      }
    }
  }

  /** Forgets every notice (the panes were emptied for another user). */
  void forgetAll() {
    shown.clear();
  }

  private PaneEntry.Note note(NoteKind kind, String text) {
    return new PaneEntry.Note(kind, text, clock.millis());
  }
}
