package chat.cli.tui;

import chat.cli.TerminalSafe;
import chat.cli.client.ChatClient;
import chat.cli.client.ChatMessage;
import chat.cli.client.ConnectionState;
import chat.cli.client.FileOffer;
import chat.cli.client.FileTransfer;
import chat.cli.client.FriendUpdate;
import chat.cli.client.FriendView;
import chat.cli.client.GroupUpdate;
import chat.cli.client.HeldMessages;
import chat.cli.client.HistoryPage;
import chat.cli.client.LeftOutMessages;
import chat.cli.client.MemberView;
import chat.cli.client.Posted;
import chat.cli.client.Presence;
import chat.cli.client.RoomView;
import chat.cli.client.TrustState;
import chat.cli.command.CommandWords;
import chat.cli.command.ConnectionLines;
import chat.cli.command.InputCompleter;
import chat.cli.command.MessageFormatter;
import chat.cli.command.SocialLines;
import chat.cli.tui.PaneEntry.NoteKind;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.screen.Screen;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The TUI's logic on the UI thread: turns keys into edits, scrolling and switching, applies client
 * events and command output to the {@link TuiModel}, and draws frames. It talks to the threads
 * behind it only through {@link TuiBackend}.
 */
final class TuiController {
  /** The hint shown at start when no one is logged in. */
  static final String LOGIN_HINT = "/register NAME or /login NAME; /help for all commands";

  private static final int HISTORY_PRELOAD = 100;

  private final ChatClient client;
  private final ConnectionLines connectionLines = new ConnectionLines();
  private final Clock clock;
  private final TuiBackend backend;
  private final Renderer renderer;
  private final TuiModel model = new TuiModel();
  private List<String> publishedOrder = List.of();
  private String shownFor; // the user whose conversations the panes show

  private final PresenceNotes presenceNotes;
  private final HeldNotes heldNotes;
  private final LeftOutNotes leftOutNotes;

  private final KeyHandler keys;
  private String published = TuiModel.STATUS;
  private Layout layout;
  private boolean fullRedraw;
  private boolean listHintShown;

  TuiController(
      ChatClient client,
      InputCompleter completer,
      EntryFormatter entries,
      Clock clock,
      TuiBackend backend) {
    this.client = Objects.requireNonNull(client, "client");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.presenceNotes = new PresenceNotes(model, clock);
    this.heldNotes = new HeldNotes(model, clock);
    this.leftOutNotes = new LeftOutNotes(model, clock);
    this.backend = Objects.requireNonNull(backend, "backend");
    this.renderer = new Renderer(entries);
    this.keys =
        new KeyHandler(
            model,
            completer,
            backend,
            this::page,
            () -> note(model.current(), NoteKind.INFO, "type /quit to leave"),
            clock::millis,
            this::self);
  }

  TuiModel model() {
    return model;
  }

  LineEditor editor() {
    return keys.editor();
  }

  /** Shows the starting state and asks for the first refresh. */
  void start() {
    model.setConnection(client.connectionState());
    if (self() == null) {
      note(TuiModel.STATUS, NoteKind.INFO, LOGIN_HINT);
    }
    backend.refresh();
  }

  /** Handles one key stroke. */
  void handle(KeyStroke key) {
    keys.handle(key);
    if (keys.takeRepaintRequest()) {
      fullRedraw = true;
    }
  }

  private int page() {
    int rows = layout == null || layout.tooSmall() ? 10 : layout.messages().height();
    return Math.max(1, rows - 1);
  }

  /** Makes {@code conversation} (or the status buffer) current. */
  void select(String conversation) {
    model.select(conversation);
  }

  /**
   * Publishes a change of the current conversation made by any of the calls above: tells the
   * backend, refreshes its members and loads its history the first time it is shown.
   */
  void publishSelection() {
    List<String> order = model.conversations();
    if (!order.equals(publishedOrder)) {
      publishedOrder = List.copyOf(order);
      backend.listed(publishedOrder);
    }
    String current = model.current();
    if (current.equals(published)) {
      return;
    }
    published = current;
    backend.selected(current);
    if (!current.equals(TuiModel.STATUS)) {
      backend.refresh();
      if (self() != null && model.buffer(current).takeHistoryRequest()) {
        backend.loadHistory(current, HISTORY_PRELOAD);
      }
    }
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
  }

  /**
   * Recent history arrived for {@code conversation}: its messages and file offers, each in its
   * place, a notice for each sender whose messages in it are held (they appear when the sender's
   * new key is accepted), and one for each sender and reason of the messages it left out for good.
   */
  void history(String conversation, HistoryPage page) {
    ConversationBuffer buffer = model.buffer(conversation);
    for (Posted posted : page.entries()) {
      if (!posted.conversation().equals(conversation)) {
        continue;
      }
      if (posted instanceof ChatMessage message) {
        buffer.addMessage(message);
      } else {
        buffer.addOffer((FileOffer) posted);
      }
    }
    page.held().forEach(heldNotes::show);
    page.leftOut().forEach(leftOutNotes::show);
  }

  /** Adds a client line to {@code conversation}, or to the current one when it is null. */
  void note(String conversation, NoteKind kind, String text) {
    String target = conversation == null ? model.current() : conversation;
    if (!target.equals(TuiModel.STATUS)) {
      model.list(target);
    }
    model.buffer(target).addNote(new PaneEntry.Note(kind, text, clock.millis()));
  }

  /** Empties the current pane. */
  void clear() {
    model.currentBuffer().clear();
  }

  void membership(String conversation, String username, boolean joined) {
    String self = self();
    boolean mine = self != null && username.equalsIgnoreCase(self);
    if (mine && !joined) {
      model.forget(conversation);
      if (model.busyCommands() == 0) {
        // Left elsewhere (another window, a script); a /leave typed here says so itself.
        note(
            null,
            NoteKind.INFO,
            "you "
                + MessageFormatter.membershipVerb(conversation, false)
                + " "
                + MessageFormatter.conversationLabel(conversation, self));
      }
    } else if (mine) {
      model.list(conversation);
    } else if (model.indexOf(conversation) >= 0) {
      model
          .buffer(conversation)
          .addNote(
              new PaneEntry.Note(
                  NoteKind.INFO,
                  TerminalSafe.line(username)
                      + (joined ? " joined " : " left ")
                      + MessageFormatter.conversationLabel(conversation, self),
                  clock.millis()));
    }
    backend.refresh();
  }

  /** Drops {@code conversation}'s pane and what it showed (a private one never written in). */
  void forget(String conversation) {
    model.forget(conversation);
  }

  /**
   * A reconnect found this user out of {@code conversation}: its pane goes, as for a leave made
   * elsewhere, and a line where the person is looking says so.
   */
  void noLongerIn(String conversation) {
    model.forget(conversation);
    note(null, NoteKind.INFO, MessageFormatter.noLongerIn(conversation, self()));
  }

  /**
   * Someone came online, went away or left: the member lists shown are updated in place. Nothing is
   * fetched: in a room of a thousand members every client would otherwise fetch the whole member
   * list again at each member's log-in. {@link PresenceNotes} decides which changes get a line.
   */
  void presence(String username, Presence presence) {
    boolean membersShown = layout != null && !layout.members().isEmpty();
    presenceNotes.changed(self(), username, presence, membersShown);
  }

  /** The rooms as just fetched: the titles of the groups listed. */
  void titlesListed(List<RoomView> rooms) {
    model.setTitles(rooms);
  }

  /** This user's friends as just fetched. */
  void friendsListed(List<FriendView> list) {
    presenceNotes.friendsListed(list);
  }

  /**
   * A group change: a line in the group's pane; in the current pane instead when this user made it,
   * and as a notice there when it removed this user, declined an invitation or concerns a group not
   * listed. The group is dropped from the list if this user is out.
   */
  void group(GroupUpdate update) {
    String self = self();
    String line = SocialLines.group(update, self, CommandWords.SLASH);
    String conversation = update.conversation();
    if (update.kind() == GroupUpdate.Kind.RENAMED && model.indexOf(conversation) >= 0) {
      model.setTitle(conversation, update.title());
    }
    if (self != null && update.removes(self)) {
      model.forget(conversation);
      note(null, NoteKind.NOTICE, line);
    } else if (update.declined()) {
      note(null, NoteKind.NOTICE, line); // the inviters were waiting for an answer
    } else if (self != null && update.actor().equalsIgnoreCase(self)) {
      note(null, NoteKind.INFO, line); // the answer to a command typed here: where it was typed
    } else if (model.indexOf(conversation) >= 0) {
      model.buffer(conversation).addNote(new PaneEntry.Note(NoteKind.INFO, line, clock.millis()));
    } else {
      note(null, NoteKind.NOTICE, line);
    }
    backend.refresh();
  }

  /** A friend request, answer or removal: a line in the current pane. */
  void friend(String username, FriendUpdate update) {
    note(null, NoteKind.NOTICE, SocialLines.friend(username, update, CommandWords.SLASH));
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

  void trust(String username, TrustState state) {
    model.updateTrust(username, state);
    if (state != TrustState.CHANGED) {
      heldNotes.released(username);
    }
    backend.refresh();
  }

  void connection(ConnectionState state, String detail) {
    String user = self();
    if (user != null && shownFor != null && !user.equalsIgnoreCase(shownFor)) {
      model.forgetAll(); // another user logged in without a logout first
      presenceNotes.forgetFriends();
      heldNotes.forgetAll();
      leftOutNotes.forgetAll();
    }
    if (user != null) {
      shownFor = user;
    }
    model.setConnection(state);
    if (state != ConnectionState.ONLINE) {
      presenceNotes.connectionLost();
    }
    String suffix = detail == null || detail.isBlank() ? "" : ": " + detail;
    String line = "connection " + state.name().toLowerCase(Locale.ROOT) + suffix;
    boolean retrying = state == ConnectionState.RECONNECTING && connectionLines.reconnecting();
    Optional<String> said = connectionLines.line(state, detail, client.serverAddress());
    if (!retrying) {
      note(TuiModel.STATUS, NoteKind.INFO, line); // the status window's log; not every retry
    }
    if (said.isPresent() && !model.current().equals(TuiModel.STATUS)) {
      // Lost and back (and a rare reminder) where the person is looking, as line mode says it.
      NoteKind kind = state == ConnectionState.RECONNECTING ? NoteKind.ERROR : NoteKind.INFO;
      note(null, kind, said.get());
    }
    if (state == ConnectionState.OFFLINE
        && self() != null
        && !model.current().equals(TuiModel.STATUS)) {
      // Offline for good (a session that ended): what to do goes where the person is looking too.
      note(null, NoteKind.ERROR, line);
    }
    if (self() == null) {
      model.forgetAll();
      presenceNotes.forgetFriends();
      heldNotes.forgetAll();
      leftOutNotes.forgetAll();
    } else if (state == ConnectionState.ONLINE) {
      backend.loadFriends(); // at log-in, and again after a reconnect (they may have changed)
      backend.loadTitles();
    }
    backend.refresh();
  }

  /** The result of a refresh: the client's conversations and, for {@code conversation}, members. */
  void refreshed(List<String> conversations, String conversation, List<MemberView> members) {
    boolean authoritative = self() != null && model.connection() == ConnectionState.ONLINE;
    boolean wasEmpty = model.conversations().isEmpty();
    model.setClientConversations(conversations, authoritative);
    if (members != null) {
      model.setMembers(conversation, members);
      if (authoritative) {
        presenceNotes.listed(self(), members);
      }
    }
    if (authoritative && model.titlesMissing()) {
      backend.loadTitles(); // a group joined or created since: its title for the header
    }
    if (wasEmpty && !model.conversations().isEmpty() && !listHintShown) {
      listHintShown = true;
      note(TuiModel.STATUS, NoteKind.INFO, "Alt+1..Alt+9 or Ctrl-N/Ctrl-P open a conversation");
    }
  }

  /**
   * A file was offered: a line in its place in its conversation (once per offer), counted as
   * activity there.
   */
  void offer(FileOffer offer) {
    String conversation = offer.conversation();
    model.list(conversation);
    if (!model.buffer(conversation).addOffer(offer)) {
      return;
    }
    if (!offer.own() && !conversation.equals(model.current())) {
      model.buffer(conversation).markUnread(offer.isDirect() ? Activity.PRIVATE : Activity.ROOM);
    }
  }

  /** A file transfer moved: the status bar shows it while it runs. */
  void transfer(FileTransfer transfer) {
    model.transfer(transfer);
  }

  void commandFinished() {
    model.commandFinished();
  }

  /** Opens a masked prompt for {@code entry}, cancelling any open one. */
  void beginSecret(SecretEntry entry) {
    keys.beginSecret(entry);
  }

  /** Cancels the open masked prompt, if any. */
  void cancelSecret() {
    keys.cancelSecret();
  }

  /** Whether a masked prompt is open. */
  boolean secretOpen() {
    return keys.secret() != null;
  }

  /** Opens the emoji picker filtered by {@code filter} ({@code /emoji FILTER}, Alt+E). */
  void openEmojiPicker(String filter) {
    keys.openPicker(filter);
  }

  /** Draws a frame into {@code screen}. */
  void render(Screen screen, ScreenWriter out) throws IOException {
    layout = Layout.of(screen.getTerminalSize());
    String self = self();
    TerminalPosition cursor =
        renderer.draw(
            out,
            layout,
            new Renderer.Frame(
                model,
                keys.editor(),
                keys.secret(),
                client.serverAddress(),
                self,
                client::trustState,
                keys.picker()));
    screen.setCursorPosition(cursor);
    screen.refresh(fullRedraw ? Screen.RefreshType.COMPLETE : Screen.RefreshType.AUTOMATIC);
    fullRedraw = false;
  }

  /** Asks for a complete repaint on the next frame (after a resize). */
  void repaintAll() {
    fullRedraw = true;
  }

  private String self() {
    return client.username().orElse(null);
  }
}
