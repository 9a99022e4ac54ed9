package chat.cli.tui;

import chat.cli.client.ChatClient;
import chat.cli.client.ConnectionState;
import chat.cli.client.FileTransfer;
import chat.cli.client.FriendView;
import chat.cli.client.KeptList;
import chat.cli.client.MemberView;
import chat.cli.client.Presence;
import chat.cli.client.RoomView;
import chat.cli.command.ConnectionLines;
import chat.cli.command.FileText;
import chat.cli.tui.PaneEntry.NoteKind;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * What the screen shows of the session: the connection and the lines that say how it went, who is
 * logged in (the panes are dropped when that changes), the lists fetched (conversations, members,
 * friends, group titles), presence, and the transfers and commands running in the status bar. UI
 * thread only.
 */
final class SessionUpdates {
  /** The hint shown at start when no one is logged in. */
  static final String LOGIN_HINT = "/register NAME or /login NAME; /help for all commands";

  private final ChatClient client;
  private final TuiModel model;
  private final TuiBackend backend;
  private final PaneUpdates panes;
  private final BooleanSupplier membersShown;
  private final PresenceNotes presenceNotes;
  private final ConnectionLines connectionLines = new ConnectionLines();
  private String shownFor; // the user whose conversations the panes show
  private boolean listHintShown;
  private boolean endSaid; // set by endSaid(), read by the next connection line
  private boolean forgetWhenIdle; // no one logged in while a typed line ran: judged when it ends

  /**
   * @param membersShown whether the member list is on screen
   */
  SessionUpdates(
      ChatClient client,
      TuiModel model,
      Clock clock,
      TuiBackend backend,
      PaneUpdates panes,
      BooleanSupplier membersShown) {
    this.client = Objects.requireNonNull(client, "client");
    this.model = Objects.requireNonNull(model, "model");
    this.backend = Objects.requireNonNull(backend, "backend");
    this.panes = Objects.requireNonNull(panes, "panes");
    this.membersShown = Objects.requireNonNull(membersShown, "membersShown");
    this.presenceNotes = new PresenceNotes(model, clock);
  }

  /**
   * Shows the starting state and asks for the first refresh; the hint to log in only when nobody is
   * logged in and no login was queued at the start ({@code --user}).
   */
  void start(boolean loginQueued) {
    model.setConnection(client.connectionState());
    if (self() == null && !loginQueued) {
      panes.note(TuiModel.STATUS, NoteKind.INFO, LOGIN_HINT);
    }
    backend.refresh();
  }

  /**
   * Someone came online, went away or left: the member lists shown are updated in place. Nothing is
   * fetched: in a room of a thousand members every client would otherwise fetch the whole member
   * list again at each member's log-in. {@link PresenceNotes} decides which changes get a line.
   */
  void presence(String username, Presence presence) {
    presenceNotes.changed(self(), username, presence, membersShown.getAsBoolean());
  }

  /** A message from {@code username} arrived (see {@link PresenceNotes#wrote}). */
  void wrote(String username) {
    presenceNotes.wrote(username);
  }

  /**
   * Shows the friends' log-ins held long enough ({@link PresenceNotes#BRIEF_VISIT}); returns
   * whether any was shown. Run at every turn of the UI loop.
   */
  boolean showHeldLogins() {
    return presenceNotes.showHeldLogins(false);
  }

  /** The rooms as just fetched: the titles of the groups listed. */
  void titlesListed(List<RoomView> rooms) {
    model.setTitles(rooms);
  }

  /**
   * The count of presence changes heard so far ({@link TuiModel#presenceMark}); read by the thread
   * that fetches member lists before it asks.
   */
  long presenceMark() {
    return model.presenceMark();
  }

  /**
   * {@code user}'s friends as just fetched, asked for when {@link #presenceHeard} was {@code
   * askedAt}; dropped if another user (or none) is logged in now.
   */
  void friendsListed(String user, List<FriendView> list, long askedAt) {
    if (user.equalsIgnoreCase(String.valueOf(self()))) {
      presenceNotes.friendsListed(self(), list, askedAt);
    }
  }

  /** The presence events heard so far, taken before the friends list is asked for; any thread. */
  long presenceHeard() {
    return presenceNotes.mark();
  }

  /**
   * The connection changed: a line in the status window (not for every retry), one where the person
   * is looking when it was lost, is back or ended; everything shown goes when no one, or another
   * user, is logged in now. No one logged in while {@code /rekey} or a {@code /login} of the user
   * shown runs (which leaves the session to start a new one of the same user) is judged when the
   * line ends ({@link #commandFinished}): the same user again keeps the panes.
   */
  void connection(ConnectionState state, String detail) {
    String user = self();
    if (user != null && shownFor != null && !user.equalsIgnoreCase(shownFor)) {
      forgetAll(); // another user logged in without a logout first
    }
    if (user != null) {
      shownFor = user;
    }
    model.setConnection(state);
    presenceNotes.connection(state, detail);
    sayConnection(state, detail);
    if (self() == null && model.busyCommands() > 0 && logsInAgain(backend.runningLine())) {
      forgetWhenIdle = true;
    } else if (self() == null) {
      forgetAll();
    } else if (state == ConnectionState.ONLINE) {
      backend.loadFriends(); // at log-in, and again after a reconnect (they may have changed)
      backend.loadTitles();
    }
    backend.refresh();
  }

  private void sayConnection(ConnectionState state, String detail) {
    String suffix = detail == null || detail.isBlank() ? "" : ": " + detail;
    String line = "connection " + state.name().toLowerCase(Locale.ROOT) + suffix;
    boolean retrying = state == ConnectionState.RECONNECTING && connectionLines.reconnecting();
    Optional<String> said = connectionLines.line(state, detail, client.serverAddress());
    if (!retrying) {
      panes.note(TuiModel.STATUS, NoteKind.INFO, line); // the status window's log; not every retry
    }
    if (said.isPresent() && !model.current().equals(TuiModel.STATUS)) {
      // Lost and back (and a rare reminder) where the person is looking, as line mode says it.
      NoteKind kind = state == ConnectionState.RECONNECTING ? NoteKind.ERROR : NoteKind.INFO;
      panes.note(null, kind, said.get());
    }
    boolean saidAlready = endSaid;
    endSaid = false;
    if (state == ConnectionState.OFFLINE
        && self() != null
        && !saidAlready
        && !model.current().equals(TuiModel.STATUS)) {
      // Offline for good (a session that ended): what to do goes where the person is looking too.
      panes.note(null, NoteKind.ERROR, line);
    }
  }

  /**
   * Why the session ended, and how to log in again, was just said where the person is looking: the
   * offline line that follows goes to the status window only, not there a second time.
   */
  void endSaid() {
    endSaid = true;
  }

  /**
   * Whether {@code line} leaves the session to log the user the panes show in again: {@code /rekey}
   * (only ever of the account one is in) or {@code /login} of that user. Any other line ends the
   * panes at once (another user's login, a logout, a session the relay ended).
   */
  private boolean logsInAgain(Optional<String> line) {
    if (line.isEmpty() || shownFor == null) {
      return false;
    }
    String[] words = line.get().strip().split("\\s+");
    String verb = words[0].toLowerCase(Locale.ROOT);
    if (verb.equals("/rekey")) {
      return true;
    }
    if (!verb.equals("/login") || words.length < 2) {
      return false;
    }
    String name = words[1].startsWith("@") ? words[1].substring(1) : words[1];
    return name.equalsIgnoreCase(shownFor);
  }

  private void forgetAll() {
    panes.forgetAll();
    presenceNotes.forgetFriends();
  }

  /**
   * The result of a refresh: the client's conversations, what the list showed in an earlier run,
   * and, for {@code conversation}, members.
   */
  void refreshed(
      List<String> conversations,
      KeptList kept,
      String conversation,
      List<MemberView> members,
      long fetchedAfter) {
    boolean authoritative = self() != null && model.connection() == ConnectionState.ONLINE;
    boolean wasEmpty = model.conversations().isEmpty();
    model.setClientConversations(withoutIgnored(conversations, kept), kept, authoritative);
    if (members != null) {
      List<MemberView> shown = model.setMembers(conversation, members, fetchedAfter);
      if (authoritative) {
        presenceNotes.listed(self(), shown); // with the news heard since it was asked for
      }
    }
    if (authoritative && model.titlesMissing()) {
      backend.loadTitles(); // a group joined or created since: its title for the header
    }
    if (wasEmpty && !model.conversations().isEmpty() && !listHintShown) {
      listHintShown = true;
      panes.note(
          TuiModel.STATUS, NoteKind.INFO, "Alt+1..Alt+9 or Ctrl-N/Ctrl-P open a conversation");
    }
  }

  /**
   * {@code conversations} but the private ones with a user ignored that are not listed here yet:
   * their messages are not shown, so such a conversation would be listed with an empty pane. One
   * listed before the user was ignored stays, in this run and the next ones ({@code kept}, the list
   * an earlier run kept), and {@code /pm USER} lists it again.
   */
  private List<String> withoutIgnored(List<String> conversations, KeptList kept) {
    String self = self();
    Set<String> ignored = client.ignoredUsers();
    if (self == null || ignored.isEmpty()) {
      return conversations;
    }
    return conversations.stream()
        .filter(
            conversation ->
                model.indexOf(conversation) >= 0
                    || kept.order().contains(conversation)
                    || !ChatClient.privateWithIgnored(conversation, self, ignored))
        .toList();
  }

  /**
   * A file transfer moved: the status bar shows it while it runs; a download starting over is said
   * in the pane in view.
   */
  void transfer(FileTransfer transfer) {
    model.transfer(transfer);
    if (transfer.active() && !transfer.detail().isEmpty()) {
      // a download starting over: said where the person is looking; the bar counts from 0% again
      panes.note(null, NoteKind.INFO, FileText.progress(transfer));
    }
  }

  /** A typed line finished running: the status bar counts the ones still running. */
  void commandFinished() {
    model.commandFinished();
    if (forgetWhenIdle && model.busyCommands() == 0) {
      forgetWhenIdle = false;
      String user = self();
      if (user == null || !user.equalsIgnoreCase(shownFor)) {
        forgetAll();
      }
    }
  }

  private String self() {
    return client.username().orElse(null);
  }
}
