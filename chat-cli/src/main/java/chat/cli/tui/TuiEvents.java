package chat.cli.tui;

import chat.cli.CommandException;
import chat.cli.client.Advice;
import chat.cli.client.CappedClientListener;
import chat.cli.client.ChatClient;
import chat.cli.client.ChatMessage;
import chat.cli.client.ConnectionState;
import chat.cli.client.Deletion;
import chat.cli.client.FileOffer;
import chat.cli.client.FileTransfer;
import chat.cli.client.FriendUpdate;
import chat.cli.client.GroupUpdate;
import chat.cli.client.HeldMessages;
import chat.cli.client.LeftOutFromOthers;
import chat.cli.client.LeftOutMessages;
import chat.cli.client.LiveNoticeCap;
import chat.cli.client.Presence;
import chat.cli.client.TrustState;
import chat.cli.command.Bell;
import chat.cli.command.CommandWords;
import chat.cli.tui.PaneEntry.NoteKind;
import java.util.Objects;

/**
 * The TUI's listener: each client event, called on the client's event thread, is posted to the UI
 * thread and applied there to the panes ({@link PaneUpdates}) or the session shown ({@link
 * SessionUpdates}). The notices of replayed copies dropped, of messages not delivered, of invalid
 * keys announced, of second offers of a file and of messages encrypted to other members pass
 * through a {@link LiveNoticeCap}; a message arriving rings the terminal's bell as the {@link Bell}
 * set says.
 */
final class TuiEvents implements CappedClientListener {
  private final ChatClient client;
  private final UiLoop loop;
  private final PaneUpdates panes;
  private final SessionUpdates session;

  /**
   * The notices of replayed copies, of messages not delivered, of invalid keys announced, of second
   * offers of a file and of messages encrypted to other members that are said in a row (held and
   * left-out ones are kept one per sender in a pane instead, see {@link HeldNotes} and {@link
   * LeftOutNotes}).
   */
  private final LiveNoticeCap cap;

  private volatile Bell bell = Bell.SILENT;

  TuiEvents(ChatClient client, UiLoop loop, PaneUpdates panes, SessionUpdates session) {
    this.client = Objects.requireNonNull(client, "client");
    this.loop = Objects.requireNonNull(loop, "loop");
    this.panes = Objects.requireNonNull(panes, "panes");
    this.session = Objects.requireNonNull(session, "session");
    this.cap =
        new LiveNoticeCap(
            unsaid ->
                onNotice(
                    unsaid.conversation(),
                    CommandWords.SLASH.unsaid(unsaid, self(), client::spelling)),
            LiveNoticeCap.Timer.BACKGROUND);
  }

  /**
   * Says what {@link #cap} counted in every conversation, and its counts start again: the person
   * typed a line.
   */
  void sayUnsaid() {
    cap.sayAll();
  }

  /** Rings the terminal's bell as {@code ringer} says for each message arriving; any thread. */
  void setBell(Bell ringer) {
    this.bell = Objects.requireNonNull(ringer, "ringer");
  }

  private void post(Runnable task) {
    loop.post(task);
  }

  private String self() {
    return client.username().orElse(null);
  }

  @Override
  public void onMessage(ChatMessage received) {
    if (client.hides(received)) {
      return;
    }
    ChatMessage message = client.unquotingIgnored(received);
    cap.beforeMessage(message.conversation());
    post(
        () -> {
          session.wrote(message.sender());
          panes.incoming(message);
        });
    if (bell.rings(message, self())) {
      post(loop::ringBell);
    }
  }

  @Override
  public void onMembership(String conversation, String username, boolean joined) {
    post(() -> panes.membership(conversation, username, joined));
  }

  @Override
  public void onNoLongerIn(String conversation) {
    post(() -> panes.noLongerIn(conversation));
  }

  @Override
  public void onPresenceChange(String username, Presence presence) {
    post(() -> session.presence(username, presence));
  }

  @Override
  public void onGroupUpdate(GroupUpdate update) {
    post(() -> panes.group(update));
  }

  @Override
  public void onDeleted(Deletion deletion) {
    post(() -> panes.deleted(deletion));
  }

  @Override
  public void onFriendUpdate(String username, FriendUpdate update) {
    post(() -> panes.friend(username, update));
  }

  @Override
  public void onTrustChange(String username, TrustState state) {
    post(() -> panes.trust(username, state));
  }

  @Override
  public void onConnection(ConnectionState state, String detail) {
    post(() -> session.connection(state, detail));
  }

  /**
   * The relay ended the session or refused its token: why, and how to go on here ({@link
   * CommandWords#SLASH}), where the person is looking; the offline line after it says why again in
   * the status window only.
   */
  @Override
  public void onStopped(CommandException why) {
    if (why instanceof CommandException.SessionEnded ended) {
      post(
          () -> {
            panes.note(null, NoteKind.ERROR, CommandWords.SLASH.sessionEnded(ended));
            session.endSaid();
          });
    }
  }

  @Override
  public void onFileOffer(FileOffer offer) {
    if (client.hides(offer)) {
      return;
    }
    cap.beforeMessage(offer.conversation());
    post(() -> panes.offer(offer));
  }

  @Override
  public LiveNoticeCap noticeCap() {
    return cap;
  }

  /** Not capped: a pane keeps one left-out notice per sender ({@link LeftOutNotes}). */
  @Override
  public void onLeftOutPushed(LeftOutMessages left) {
    onLeftOut(left);
  }

  /** Not capped: a pane keeps one held notice per sender ({@link HeldNotes}). */
  @Override
  public void onHeldPushed(HeldMessages held) {
    onHeld(held);
  }

  @Override
  public void onFileTransfer(FileTransfer transfer) {
    post(() -> session.transfer(transfer));
  }

  /**
   * A notice that advises a command, with the slash command; a {@link Advice#warning} (a contact's
   * changed key) as an error ({@code !!!}) in the pane in view.
   */
  @Override
  public void onAdvice(Advice advice) {
    if (advice.warning()) {
      String text = CommandWords.SLASH.advised(advice);
      post(() -> panes.note(null, NoteKind.ERROR, text));
      return;
    }
    onNotice(advice.conversation(), CommandWords.SLASH.advised(advice));
  }

  @Override
  public void onHeld(HeldMessages held) {
    post(() -> panes.held(held));
  }

  @Override
  public void onLeftOut(LeftOutMessages left) {
    post(() -> panes.leftOut(left));
  }

  @Override
  public void onLeftOutFromOthers(LeftOutFromOthers others) {
    post(() -> others.messages().forEach(panes::leftOut));
  }

  @Override
  public void onNotice(String conversation, String text) {
    post(() -> panes.note(conversation.isEmpty() ? null : conversation, NoteKind.NOTICE, text));
  }

  @Override
  public void onHistoryWentBack(String conversation, long seq) {
    post(() -> panes.historyWentBack(conversation));
  }
}
