package chat.cli.tui;

import chat.cli.client.HeldMessages;
import chat.cli.command.CommandWords;
import chat.cli.tui.PaneEntry.NoteKind;
import chat.protocol.Usernames;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The notices of held messages in each pane: one per sender, however many times the client reports
 * them (the live message, then the history loaded when the pane opens), and turned into a line that
 * says they are shown once the sender's new key is accepted. UI thread only.
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
   * Shows {@code held} in its pane, unless a notice for the same sender is there: then it is left,
   * or given the larger count in its place.
   */
  void show(HeldMessages held) {
    model.list(held.conversation());
    ConversationBuffer buffer = model.buffer(held.conversation());
    Map<String, Shown> here = shown.computeIfAbsent(held.conversation(), c -> new HashMap<>());
    String sender = Usernames.key(held.sender());
    PaneEntry.Note note = note(NoteKind.NOTICE, CommandWords.SLASH.held(held));
    Shown before = here.get(sender);
    if (before != null && buffer.holds(before.note())) {
      if (held.count() <= before.held().count()) {
        return;
      }
      buffer.replaceNote(before.note(), note);
    } else {
      buffer.addNote(note);
    }
    here.put(sender, new Shown(held, note));
  }

  /** {@code username}'s new key was accepted: each notice of theirs says the messages are shown. */
  void released(String username) {
    String sender = Usernames.key(username);
    for (Map.Entry<String, Map<String, Shown>> pane : shown.entrySet()) {
      Shown was = pane.getValue().remove(sender);
      if (was != null) {
        model
            .buffer(pane.getKey())
            .replaceNote(
                was.note(),
                note(
                    NoteKind.INFO,
                    username
                        + "'s new key is accepted: the messages held from them are shown in their"
                        + " place"));
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
