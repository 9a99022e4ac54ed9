package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.client.ConnectionState;
import chat.cli.client.ConversationLabel;
import chat.cli.client.PushedNotice;
import chat.crypto.IdentityKeyPair;
import chat.protocol.ConversationIds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Everything that belongs to one logged-in user on one relay: the profile and its stores, the
 * unlocked identity, the current connection and the conversations the user is in. Replaced as a
 * whole on login and dropped on logout.
 */
final class Session {
  final Profile profile;
  final ClientState state;
  final ContactStore contacts;
  final KeyDirectory keys;
  final MemberCache members;
  final Inbox inbox;
  final IgnoredUsers ignored;
  private final Set<String> conversations = ConcurrentHashMap.newKeySet();

  /**
   * Conversations a message was pushed to before the login finished (while the passphrase was being
   * typed): the catch-up that follows syncs them to their newest message, past what the login reply
   * listed.
   */
  final Set<String> pushedBeforeReady = new ConcurrentSkipListSet<>();

  /**
   * For a client that is not live, each conversation's newest number as the login reply gave it:
   * its cursor stays as the file holds it, which is above that once the relay was restored from a
   * backup ({@link CatchUp}, which a live client runs, moves it back).
   */
  final Map<String, Long> newestAtLogin = new ConcurrentHashMap<>();

  /**
   * For a client that is not live, the conversations whose cursor the login reply did not bear out:
   * the relay's newest number is below it, or is it and names another message than this device read
   * there (a relay restored from a backup). An own message sent there is neither taken as read nor
   * moves the cursor ({@link EnvelopeSender}), so that the next live client's catch-up still finds
   * the restore ({@link CatchUp}) and shows what was sent since, that message too.
   */
  final Set<String> cursorsInDoubt = ConcurrentHashMap.newKeySet();

  /** The other events pushed before the login was announced; the event thread's only. */
  final EventsBeforeLogin beforeLogin = new EventsBeforeLogin();

  /** Others' presence as last told or listed, for the check after a reconnect. */
  final PresenceHeard presenceHeard = new PresenceHeard();

  /** The changed keys of contacts the person was told of; the event thread's only. */
  final KeyChangesSaid keyChangesSaid = new KeyChangesSaid();

  /**
   * The mute of this user said for each group (who, until when, why), so that the relay's reminder
   * after a reconnect is not said as a new mute ({@link Events}).
   */
  final Map<String, String> mutesSaid = new ConcurrentHashMap<>();

  /**
   * The users whose friend request to this user was said, and the groups (with who invited) whose
   * invitation was, so that the relay's reminders of them after each reconnect are not said as new
   * ({@link Events}); this user's own answer, or any other news of them, forgets one.
   */
  final Set<String> requestsSaid = ConcurrentHashMap.newKeySet();

  /**
   * As {@link #requestsSaid}: {@code group + "\n" + inviter}, the inviter as {@code Usernames.key}.
   */
  final Set<String> invitationsSaid = ConcurrentHashMap.newKeySet();

  /** This user answered their invitation to {@code group} (a join, a decline): a new one is new. */
  void invitationAnswered(String group) {
    invitationsSaid.removeIf(said -> said.startsWith(group + "\n"));
  }

  /** This user's timed mutes, whose end the client says ({@link TimedMutes}). */
  final TimedMutes timedMutes = new TimedMutes();

  private volatile IdentityKeyPair me;
  private volatile String username;
  private volatile RelayConnection connection;
  private volatile ConnectionState connectionState = ConnectionState.CONNECTING;
  private volatile String away;

  /**
   * Whether this session keeps what it lists as the profile's live list ({@link #keepsLiveList}).
   */
  private boolean keepsLiveList;

  private volatile CommandException.SessionEnded ended;

  /** The connection on which the relay last ended the session ({@link #forgetEndedOn}). */
  private RelayConnection endedOn;

  Session(
      Profile profile,
      ClientState state,
      ContactStore contacts,
      KeyDirectory keys,
      MemberCache members,
      Inbox inbox) {
    this.profile = profile;
    this.state = state;
    this.contacts = contacts;
    this.keys = keys;
    this.members = members;
    this.inbox = inbox;
    this.ignored = new IgnoredUsers(profile.ignored(), ProfileWriter.FILES);
  }

  /** The unlocked identity. */
  IdentityKeyPair me() {
    IdentityKeyPair identity = me;
    if (identity == null) {
      throw new CommandException.Usage("not logged in: /login NAME or /register NAME first");
    }
    return identity;
  }

  /** Whether the identity is unlocked (login finished). */
  boolean ready() {
    return me != null;
  }

  void me(IdentityKeyPair identity, String registeredName) {
    this.me = identity;
    this.username = registeredName;
  }

  String username() {
    return username;
  }

  /**
   * {@code conversation} as this user names it, the other party of a private one spelled as
   * registered where their key is pinned ({@link chat.cli.client.ChatClient#label}).
   */
  String label(String conversation) {
    return ConversationLabel.of(conversation, username, contacts::spelling);
  }

  /** The current connection if online. */
  RelayConnection connection() {
    RelayConnection current = connection;
    if (current == null || !current.isOpen() || connectionState != ConnectionState.ONLINE) {
      throw new CommandException.Network(
          connectionState == ConnectionState.RECONNECTING
              ? "not connected to the relay (reconnecting); try again in a moment"
              : "not connected to the relay",
          null);
    }
    return current;
  }

  /**
   * True once the connection is not online any more: the client closed it (the state is then
   * OFFLINE), it is reconnecting, or the socket closed before the reader said so.
   */
  boolean connectionGone() {
    RelayConnection current = connection;
    return connectionState != ConnectionState.ONLINE || current == null || !current.isOpen();
  }

  /** The connection even while it is being set up (before the state is ONLINE). */
  RelayConnection rawConnection() {
    return connection;
  }

  /**
   * The connection for a request that may also run while a login or reconnect sets it up ({@link
   * #rawConnection}); but while the client reconnects after the last one closed, {@link
   * #connection}'s refusal, which says so, rather than why that one closed (the relay shutting
   * down, say, long before the command that now fails).
   */
  RelayConnection openConnection() {
    RelayConnection current = connection;
    if (connectionState == ConnectionState.RECONNECTING && (current == null || !current.isOpen())) {
      return connection();
    }
    return current;
  }

  void connection(RelayConnection newConnection) {
    this.connection = newConnection;
  }

  /** Why the relay ended this session (a live client stopped reconnecting), or null. */
  CommandException.SessionEnded ended() {
    return ended;
  }

  void ended(CommandException.SessionEnded why) {
    this.ended = why;
  }

  /**
   * After the relay ended the session {@code connection} carried: forgets the stored session
   * ({@link ClientState#sessionEnded}), once per connection (the reader does it as the relay says
   * so, the event thread finds it done).
   *
   * @return the profile's session now: a newer one of the same user another process stored, or none
   * @throws CommandException.FileAccess if the profile cannot be written (forgotten here all the
   *     same)
   */
  synchronized Optional<ClientState.Session> forgetEndedOn(RelayConnection connection) {
    if (connection != endedOn) {
      endedOn = connection;
      Optional<ClientState.Session> stored = state.session();
      if (stored.isPresent()) {
        state.sessionEnded(stored.get());
      }
    }
    return state.session();
  }

  ConnectionState connectionState() {
    return connectionState;
  }

  void connectionState(ConnectionState newState) {
    this.connectionState = newState;
  }

  /** The away message this user set (empty for none), or null when not away. */
  String away() {
    return away;
  }

  /** Remembers the away state, to restore it after a reconnect; null when back. */
  void away(String message) {
    this.away = message;
  }

  /**
   * Lists {@code conversation}. The list and the state's record of which cursors belong to
   * conversations not listed ({@link ClientState#unlisted}) change together.
   */
  synchronized void addConversation(String conversation) {
    conversations.add(conversation);
    state.listed(conversation);
    if (keepsLiveList) {
      state.liveListedAdded(conversation);
    }
  }

  /**
   * From now on, this session keeps what it lists as the profile's {@link ClientState#liveListed}:
   * it is a live client's.
   */
  synchronized void keepsLiveList() {
    keepsLiveList = true;
    state.liveListed(conversations);
  }

  /** Whether {@code conversation} is listed. */
  boolean lists(String conversation) {
    return conversations.contains(conversation);
  }

  /** A join or leave of another member, heard while this client's own join awaited its reply. */
  record Heard(String conversation, String username, boolean joined) {}

  /**
   * The rooms this client is joining (its join request awaits the reply), with the joins and leaves
   * of others the relay announced there meanwhile: told once the join lists the room, not dropped
   * as news of a room this user is not in.
   */
  private final Map<String, List<Heard>> joining = new HashMap<>();

  /** This client asks to join {@code conversation}: announcements there wait for the reply. */
  synchronized void joining(String conversation) {
    joining.putIfAbsent(conversation, new ArrayList<>());
  }

  /** Whether this client's own join of {@code conversation} awaits its reply. */
  synchronized boolean isJoining(String conversation) {
    return joining.containsKey(conversation);
  }

  /**
   * The join of {@code conversation} ended: lists {@code listed}, the conversation the relay's
   * reply names, unless it is null (the join failed), and returns what was heard there meanwhile,
   * to be told (nothing if the join failed).
   */
  synchronized List<Heard> joined(String conversation, String listed) {
    List<Heard> heard = joining.remove(conversation);
    if (listed == null) {
      return List.of();
    }
    joinedHere(listed);
    return heard == null ? List.of() : heard;
  }

  /**
   * Whether another member's join or leave in {@code heard} is to be told now: its conversation is
   * listed. One heard while this client joins that conversation is kept for {@link #joined} to give
   * back (a bounded few: a relay could announce without end).
   */
  synchronized boolean tellsNow(Heard heard) {
    if (lists(heard.conversation())) {
      return true;
    }
    List<Heard> waiting = joining.get(heard.conversation());
    if (waiting != null && waiting.size() < MAX_HEARD_WHILE_JOINING) {
      waiting.add(heard);
    }
    return false;
  }

  /** Most joins and leaves kept per room while this client's join of it awaits its reply. */
  static final int MAX_HEARD_WHILE_JOINING = 100;

  /**
   * Lists {@code conversation} on the word of something the relay pushed, unless {@link
   * PushedNotice#MAX_LISTED} are listed already; returns whether it is listed. On the event thread.
   */
  synchronized boolean listPushed(String conversation) {
    if (conversations.contains(conversation)) {
      return true;
    }
    if (conversations.size() >= PushedNotice.MAX_LISTED) {
      return false;
    }
    addConversation(conversation);
    return true;
  }

  /** No longer lists {@code conversation}; its cursor is kept for a while ({@link ClientState}). */
  synchronized void removeConversation(String conversation) {
    conversations.remove(conversation);
    mutesSaid.remove(conversation); // a mute is said again when they join the group again
    state.unlisted(conversation);
    if (keepsLiveList) {
      state.liveListedRemoved(conversation);
    }
  }

  /**
   * Lists {@code conversation}, which this user joined (or created, or opened again) through this
   * client: also in the list the profile's live client last showed, though this one is a one-shot
   * command, so that the next live client says a removal from it made while none ran ({@code you
   * are no longer in #club}), as it does for a conversation it listed itself.
   */
  synchronized void joinedHere(String conversation) {
    addConversation(conversation);
    state.liveListedAdded(conversation);
  }

  /**
   * No longer lists {@code conversation}, which this user left (or closed, or disbanded) through
   * this client: also out of the list the profile's live client last showed, though this one is a
   * one-shot command, so that the next live client does not take it for a leave made on another
   * device while this one was offline.
   */
  synchronized void leftHere(String conversation) {
    removeConversation(conversation);
    state.liveListedRemoved(conversation);
  }

  /**
   * Lists {@code listed}, what the relay listed at login or reconnect, and no other conversation;
   * returns those listed before that it does not list, in the order of {@link #conversations()}.
   */
  synchronized List<String> listOnly(Set<String> listed) {
    List<String> gone = new ArrayList<>(conversations());
    gone.removeAll(listed);
    gone.forEach(this::removeConversation);
    listed.forEach(this::addConversation);
    state.listedOnly(listed);
    return gone;
  }

  /** The lobby first, then rooms, then direct conversations, each sorted. */
  List<String> conversations() {
    List<String> out = new ArrayList<>(conversations);
    out.sort(
        Comparator.comparing((String c) -> !c.equals(ConversationIds.LOBBY))
            .thenComparing(ConversationIds::isDirect)
            .thenComparing(Comparator.naturalOrder()));
    return out;
  }

  /** Forgets the unlocked keys and closes the connection. */
  void end() {
    RelayConnection current = connection;
    if (current != null) {
      current.close();
    }
    IdentityKeyPair identity = me;
    if (identity != null) {
      identity.destroy();
    }
    inbox.offers.clear();
    state.save();
  }
}
