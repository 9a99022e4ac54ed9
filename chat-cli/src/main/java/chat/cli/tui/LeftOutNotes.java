package chat.cli.tui;

import chat.cli.client.LeftOutFromOthers;
import chat.cli.client.LeftOutMessages;
import chat.cli.tui.PaneEntry.NoteKind;
import chat.protocol.Usernames;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The notices of messages left out for good in each pane: one per sender and reason for the first
 * {@link LeftOutFromOthers#MAX_NAMED_SENDERS} senders, then one that counts the messages of all
 * other senders together (a relay can forge any number of sender names), counting each message (by
 * its sequence number) once in the pane, for whatever reason it is reported first, however many
 * times the client reports it. A message announced live, or counted by a catch-up, is found again
 * by the history loaded when the pane opens; two catch-ups, or a catch-up and a later live message,
 * add up. UI thread only.
 */
final class LeftOutNotes {
  private record Shown(LeftOutMessages counted, PaneEntry.Note note) {}

  private record ShownOthers(LeftOutFromOthers counted, PaneEntry.Note note) {}

  /** One pane's notices, and the messages they count whatever the reason. */
  private static final class Pane {
    private final ConversationBuffer buffer;
    private final Set<Long> counted = new HashSet<>();
    private final Map<String, Shown> notices = new HashMap<>();
    private final Set<String> named = new HashSet<>();
    private ShownOthers others;

    private Pane(ConversationBuffer buffer) {
      this.buffer = buffer;
    }

    /** Whether messages from {@code sender} get a notice naming them. */
    private boolean names(String sender) {
      return sender.isEmpty()
          || named.contains(sender)
          || named.size() < LeftOutFromOthers.MAX_NAMED_SENDERS;
    }
  }

  private final TuiModel model;
  private final Clock clock;
  private final Map<String, Pane> panes = new HashMap<>();

  LeftOutNotes(TuiModel model, Clock clock) {
    this.model = model;
    this.clock = clock;
  }

  /**
   * Shows the messages of {@code left} that its pane does not count yet: in the place of the notice
   * for the same sender and reason if it is there (counting the messages of both), else as a new
   * notice, or, once the pane names as many senders as it may, in the notice of the others.
   * Messages the pane counts already, for any reason, change nothing.
   */
  void show(LeftOutMessages left) {
    String conversation = left.conversation();
    model.list(conversation);
    ConversationBuffer buffer = model.buffer(conversation);
    Pane pane = panes.get(conversation);
    if (pane == null || pane.buffer != buffer) {
      pane = new Pane(buffer); // a new pane (the conversation was left and is back)
      panes.put(conversation, pane);
    }
    List<Long> fresh = new ArrayList<>();
    for (long seq : left.seqs()) {
      if (pane.counted.add(seq)) {
        fresh.add(seq);
      }
    }
    if (fresh.isEmpty()) {
      return;
    }
    LeftOutMessages freshOnes =
        fresh.size() == left.count()
            ? left // as reported, with its detail if it is one message pushed live
            : new LeftOutMessages(conversation, left.sender(), left.reason(), fresh);
    String sender = Usernames.key(left.sender());
    if (pane.names(sender)) {
      if (!sender.isEmpty()) {
        pane.named.add(sender);
      }
      showNamed(pane, freshOnes);
    } else {
      showOthers(pane, freshOnes);
    }
  }

  private void showNamed(Pane pane, LeftOutMessages fresh) {
    String key = Usernames.key(fresh.sender()) + " " + fresh.reason().label();
    Shown before = pane.notices.get(key);
    LeftOutMessages counted;
    PaneEntry.Note note;
    if (before != null && pane.buffer.holds(before.note())) {
      counted = before.counted().with(fresh.seqs());
      note = pane.buffer.replaceNote(before.note(), note(counted.notice()));
    } else {
      counted = fresh;
      note = note(counted.notice());
      pane.buffer.addNote(note);
    }
    pane.notices.put(key, new Shown(counted, note));
  }

  private void showOthers(Pane pane, LeftOutMessages fresh) {
    ShownOthers before = pane.others;
    LeftOutFromOthers counted;
    PaneEntry.Note note;
    if (before != null && pane.buffer.holds(before.note())) {
      counted = before.counted().with(fresh);
      note = pane.buffer.replaceNote(before.note(), note(counted.notice()));
    } else {
      counted = new LeftOutFromOthers(fresh.conversation(), List.of(fresh));
      note = note(counted.notice());
      pane.buffer.addNote(note);
    }
    pane.others = new ShownOthers(counted, note);
  }

  /** Forgets every notice (the panes were emptied for another user). */
  void forgetAll() {
    panes.clear();
  }

  private PaneEntry.Note note(String text) {
    return new PaneEntry.Note(NoteKind.NOTICE, text, clock.millis());
  }
}
