package chat.cli.tui;

import chat.cli.client.ChatClient;
import chat.cli.client.ChatMessage;
import chat.cli.client.Deletion;
import chat.cli.client.FileOffer;
import chat.cli.client.FriendUpdate;
import chat.cli.client.GroupUpdate;
import chat.cli.client.HeldMessages;
import chat.cli.client.HistoryPage;
import chat.cli.client.LeftOutMessages;
import chat.cli.client.Posted;
import chat.cli.client.TrustState;
import chat.cli.command.CommandWords;
import chat.cli.command.MessageFormatter;
import chat.cli.command.SocialLines;
import chat.cli.tui.PaneEntry.NoteKind;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the panes show of what the client and the commands report: messages, file offers, history,
 * and the lines that say what happened (joins and leaves, group and friend changes, held and
 * left-out messages, command output). It asks the {@link TuiBackend} for a refresh where a change
 * may have changed the lists. UI thread only.
 */
final class PaneUpdates {
  private final ChatClient client;
  private final TuiModel model;
  private final Clock clock;
  private final TuiBackend backend;
  private final HeldNotes heldNotes;
  private final LeftOutNotes leftOutNotes;

  PaneUpdates(ChatClient client, TuiModel model, Clock clock, TuiBackend backend) {
    this.client = Objects.requireNonNull(client, "client");
    this.model = Objects.requireNonNull(model, "model");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.backend = Objects.requireNonNull(backend, "backend");
    this.heldNotes = new HeldNotes(model, clock);
    this.leftOutNotes = new LeftOutNotes(model, clock);
  }

  /** A message from the relay. */
  void incoming(ChatMessage message) {
    boolean known = model.indexOf(message.conversation()) >= 0;
    model.incoming(message, self());
    if (!known) {
      backend.refresh();
    }
  }

  /** A message a command showed (a sent message, history). */
  void show(ChatMessage message) {
    model.list(message.conversation());
    model.buffer(message.conversation()).addMessage(message);
  }

  /**
   * Messages and file offers a command listed ({@code /history}): shown in the current pane, after
   * its heading.
   */
  void replay(List<Posted> listed) {
    ConversationBuffer buffer = model.currentBuffer();
    String here = model.current();
    listed.forEach(posted -> buffer.addReplay(posted, !posted.conversation().equals(here)));
    listed.stream()
        .map(Posted::conversation)
        .distinct()
        .forEach(conversation -> requote(buffer, conversation));
  }

  /**
   * Recent history arrived for {@code conversation}: its messages and file offers, each in its
   * place (but those of users ignored), replies shown before it quoting what it listed, a notice
   * for each sender whose messages in it are held (they appear when the sender's new key is
   * accepted), and one for each sender and reason of the messages it left out for good.
   */
  void history(String conversation, HistoryPage page) {
    ConversationBuffer buffer = model.buffer(conversation);
    Set<String> ignored = client.ignoredUsers();
    for (Posted posted : page.entries()) {
      if (!posted.conversation().equals(conversation) || ChatClient.hides(posted, ignored)) {
        continue;
      }
      if (ChatClient.unquotingIgnored(posted, ignored) instanceof ChatMessage message) {
        buffer.addMessage(message);
      } else {
        buffer.addOffer((FileOffer) posted);
      }
    }
    requote(buffer, conversation);
    page.held().forEach(heldNotes::show);
    page.leftOut().forEach(leftOutNotes::show);
  }

  /**
   * Replies of {@code conversation} in {@code buffer} shown before the message they answer was
   * listed: quoting it now (naming a user ignored without quoting them).
   */
  private void requote(ConversationBuffer buffer, String conversation) {
    Set<String> ignored = client.ignoredUsers();
    buffer.requote(
        conversation,
        message -> (ChatMessage) ChatClient.unquotingIgnored(client.requoted(message), ignored));
  }

  /** Adds a client line to {@code conversation}, or to the current one when it is null. */
  void note(String conversation, NoteKind kind, String text) {
    String target = conversation == null ? model.current() : conversation;
    if (!target.equals(TuiModel.STATUS)) {
      model.list(target);
    }
    model.buffer(target).addNote(new PaneEntry.Note(kind, text, clock.millis()));
  }

  /** Adds a line to {@code conversation}'s pane, which is listed already. */
  private void noteListed(String conversation, String text) {
    model.buffer(conversation).addNote(new PaneEntry.Note(NoteKind.INFO, text, clock.millis()));
  }

  /** Empties the current pane. */
  void clear() {
    model.currentBuffer().clear();
  }

  /**
   * A join or leave: this user's own lists or drops the conversation, and when made elsewhere
   * (another window, a script, another device) a line where the person is looking says so, as in
   * line mode (a {@code /join} or {@code /leave} typed here says so itself); another member's is a
   * line in the conversation's pane if it is listed.
   */
  void membership(String conversation, String username, boolean joined) {
    String self = self();
    boolean mine = self != null && username.equalsIgnoreCase(self);
    if (mine) {
      if (joined) {
        model.list(conversation);
      } else {
        model.forget(conversation);
      }
      if (model.busyCommands() == 0) {
        note(
            null,
            NoteKind.INFO,
            MessageFormatter.membership(conversation, username, joined, self, client::spelling));
      }
    } else if (model.indexOf(conversation) >= 0) {
      noteListed(
          conversation,
          MessageFormatter.membership(conversation, username, joined, self, client::spelling));
    }
    backend.refresh();
  }

  /** Drops {@code conversation}'s pane and what it showed (a private one never written in). */
  void forget(String conversation) {
    model.forget(conversation);
  }

  /** The relay went back to a backup: {@code conversation}'s next messages go below all shown. */
  void historyWentBack(String conversation) {
    model.buffer(conversation).placeBelowAll();
  }

  /**
   * A reconnect found this user out of {@code conversation}: its pane goes, as for a leave made
   * elsewhere, and a line where the person is looking says so.
   */
  void noLongerIn(String conversation) {
    model.forget(conversation);
    note(null, NoteKind.INFO, MessageFormatter.noLongerIn(conversation, self(), client::spelling));
  }

  /**
   * A group change: a line in the group's pane; in the current pane instead when this user made it,
   * and as a notice there when it removed this user, declined an invitation or concerns a group not
   * listed. The group is dropped from the list if this user is out.
   */
  void group(GroupUpdate update) {
    String self = self();
    String line =
        SocialLines.group(
            update,
            self,
            CommandWords.SLASH,
            client.conversations().contains(update.conversation()));
    String conversation = update.conversation();
    if (update.kind() == GroupUpdate.Kind.RENAMED && model.indexOf(conversation) >= 0) {
      model.setTitle(conversation, update.title());
    }
    if (self != null && update.removes(self)) {
      model.forget(conversation);
      note(null, NoteKind.NOTICE, line);
    } else if (!client.hides(update)) { // an invitation by a user ignored is not said
      if (update.declined()) {
        note(null, NoteKind.NOTICE, line); // the inviters were waiting for an answer
      } else if (self != null && update.actor().equalsIgnoreCase(self)) {
        note(null, NoteKind.INFO, line); // the answer to a command typed here: where it was typed
      } else if (model.indexOf(conversation) >= 0) {
        noteListed(conversation, line);
        boolean aboutMe = self != null && update.target().equalsIgnoreCase(self);
        if (aboutMe && update.changesMute() && !model.current().equals(conversation)) {
          // A mute of this user matters where they are about to type, too.
          note(null, NoteKind.NOTICE, line);
        }
      } else {
        note(null, NoteKind.NOTICE, line);
      }
    }
    backend.refresh();
  }

  /**
   * Deleted messages: gone from every pane, and a line says who deleted whose: where it was typed
   * for this user's own deletion, else in the conversation's pane (none for an ignored user's
   * deleting their own, which were not shown).
   */
  void deleted(Deletion deletion) {
    model.removeMessages(deletion.conversation(), Set.copyOf(deletion.messageIds()));
    String self = self();
    String line = SocialLines.deleted(deletion, self, client::spelling);
    if (self != null && deletion.actor().equalsIgnoreCase(self)) {
      note(null, NoteKind.INFO, line);
    } else if (model.indexOf(deletion.conversation()) >= 0
        && !(deletion.bySender() && client.ignores(deletion.sender()))) {
      noteListed(deletion.conversation(), line);
    }
    backend.refresh();
  }

  /**
   * A friend request, answer or removal: a line in the current pane, unless its user is ignored.
   */
  void friend(String username, FriendUpdate update) {
    if (update.own() || !client.ignores(username)) {
      note(null, NoteKind.NOTICE, SocialLines.friend(username, update, CommandWords.SLASH));
    }
    backend.loadFriends();
  }

  /** Messages from one sender were held (live, or by a catch-up): one notice per sender a pane. */
  void held(HeldMessages held) {
    heldNotes.show(held);
  }

  /**
   * Messages from one sender were left out for good (live, or by a catch-up): one notice per sender
   * and reason a pane for its first few senders, then one for all others, which the history loaded
   * later does not repeat.
   */
  void leftOut(LeftOutMessages left) {
    leftOutNotes.show(left);
  }

  /**
   * {@code username}'s trust changed: the member lists show it, and once their new key is accepted
   * the notices of their held messages say the messages are shown.
   */
  void trust(String username, TrustState state) {
    model.updateTrust(username, state);
    if (state != TrustState.CHANGED) {
      heldNotes.released(username);
    }
    backend.refresh();
  }

  /**
   * A file was offered: a line in its place in its conversation (once per offer), counted as
   * activity there.
   */
  void offer(FileOffer offer) {
    String conversation = offer.conversation();
    boolean known = model.indexOf(conversation) >= 0;
    model.list(conversation);
    if (!known) {
      backend.refresh(); // its members and title, as for a message in a new conversation
    }
    if (!model.buffer(conversation).addOffer(offer)) {
      return;
    }
    if (!offer.own() && !conversation.equals(model.current())) {
      model
          .buffer(conversation)
          .markUnread(offer.isDirect() ? Activity.PRIVATE : Activity.ROOM, offer.messageId());
    }
  }

  /**
   * This user's own {@code offer}, sent: shown in its conversation, and {@code said} ("sent … as
   * file …") where the user is looking unless that is the conversation, where the offer says it.
   */
  void offered(FileOffer offer, String said) {
    offer(offer);
    if (!offer.conversation().equals(model.current())) {
      note(null, NoteKind.INFO, said);
    }
  }

  /** Drops every pane and what the notices of held and left-out messages counted. */
  void forgetAll() {
    model.forgetAll();
    heldNotes.forgetAll();
    leftOutNotes.forgetAll();
  }

  private String self() {
    return client.username().orElse(null);
  }
}
