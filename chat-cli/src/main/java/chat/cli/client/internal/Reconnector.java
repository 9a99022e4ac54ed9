package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.client.Advice;
import chat.cli.client.ClientListener;
import chat.cli.client.ConnectionState;
import chat.cli.client.FriendView;
import chat.protocol.ResumeReply;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Brings a live session back after its connection to the relay is lost: says so, then resumes the
 * session with its stored token after a growing backoff, until that works, the relay no longer
 * knows the token, the relay's certificate changed, or the relay holds another key for the user
 * than this session's (replaced on another device): a resumed connection is checked as a resume at
 * start is ({@link LoginIdentity#checkRegistered}) before anything is sent on it. Nothing of it
 * outlives the client: a loss taken in as the client closes and an attempt under way then end
 * without a word, and no attempt starts after the close.
 */
final class Reconnector {
  /**
   * How long after a reconnect the friends list is compared with the presence heard: the others
   * reconnecting after a relay restart have come back by then (a client retries at most about 40
   * seconds apart).
   */
  static final Duration FRIENDS_SETTLE = Duration.ofMinutes(1);

  private final SessionManager sessions;
  private final Listeners listeners;
  private final ScheduledExecutorService timer;
  private final SecureRandom random;

  /**
   * @param timer runs the attempts ({@link ClientTimers#attempts}); {@link SessionManager#close}
   *     shuts it down, which refuses attempts from then on, drops one already waiting and
   *     interrupts one under way
   */
  Reconnector(
      SessionManager sessions,
      Listeners listeners,
      ScheduledExecutorService timer,
      SecureRandom random) {
    this.sessions = sessions;
    this.listeners = listeners;
    this.timer = timer;
    this.random = random;
  }

  /** Called on the event thread when a connection of {@code target} ends. */
  void connectionLost(Session target, RelayConnection connection, boolean byUs, String reason) {
    if (byUs || !sessions.isCurrent(target) || connection != target.rawConnection()) {
      return;
    }
    if (connection.sessionRevoked()) {
      revoked(target, connection);
      return;
    }
    if (!sessions.options().live() || target.state.session().isEmpty()) {
      target.connectionState(ConnectionState.OFFLINE);
      listeners.connection(ConnectionState.OFFLINE, reason);
      return;
    }
    target.connectionState(ConnectionState.RECONNECTING);
    listeners.connection(ConnectionState.RECONNECTING, reason + "; reconnecting");
    schedule(target, 1);
  }

  /**
   * The relay ended {@code target}'s session. A resume with its token would only fail (and count
   * against this address); but if a password login of this profile in another window replaced it
   * (and ended it), the profile now holds that login's session, which this window resumes with.
   */
  private void revoked(Session target, RelayConnection connection) {
    Optional<ClientState.Session> ended = target.state.session();
    Optional<ClientState.Session> next = forget(target, connection);
    String user = ended.map(ClientState.Session::username).orElse(null);
    CommandException.SessionEnded why =
        connection.sessionEnded(user == null ? target.username() : user);
    if (why.suspended()) {
      next = Optional.empty(); // another login of the account is suspended as well
    }
    if (next.isPresent() && sessions.options().live()) {
      target.connectionState(ConnectionState.RECONNECTING);
      listeners.connection(
          ConnectionState.RECONNECTING,
          "the session for "
              + user
              + " was replaced by a new login of this profile in another window; resuming with"
              + " that one");
      schedule(target, 1);
      return;
    }
    target.ended(why);
    target.connectionState(ConnectionState.OFFLINE);
    stopped(why);
  }

  /**
   * Says that {@code ended} stopped the session: {@link ClientListener#onStopped} with {@code
   * ended}, from which each front end says it with how to log in again there (a slash command, or
   * {@code chat login}), then offline, with why. On the event thread.
   */
  private void stopped(CommandException.SessionEnded ended) {
    listeners.stopped(ended);
    listeners.connection(ConnectionState.OFFLINE, ended.getMessage());
  }

  /**
   * Called on the reader thread as the relay says it ends {@code target}'s session on {@code
   * connection}, before any request fails for it: forgets the token then ({@link
   * Session#forgetEndedOn}), so that a one-shot command that hears the session ended and exits has
   * not left it stored for the next command to resume with (and be refused).
   */
  void sessionEnded(Session target, RelayConnection connection) {
    if (sessions.isCurrent(target) && connection == target.rawConnection()) {
      forget(target, connection);
    }
  }

  /**
   * Forgets the session the relay ended on {@code connection} ({@link Session#forgetEndedOn});
   * returns the profile's newer session of the same user, if another window stored one.
   */
  private Optional<ClientState.Session> forget(Session target, RelayConnection connection) {
    return written(target, () -> target.forgetEndedOn(connection));
  }

  /**
   * Forgets {@code ended}, a session whose resume the relay refused ({@link
   * ClientState#sessionEnded}); returns the profile's newer session of the same user, if another
   * window stored one.
   */
  private Optional<ClientState.Session> successor(Session target, ClientState.Session ended) {
    return written(target, () -> target.state.sessionEnded(ended));
  }

  /**
   * What {@code forgetting} returns, the profile's session after it forgot one; if the profile
   * could not be written, says so and returns the session this process holds now.
   */
  private Optional<ClientState.Session> written(
      Session target, Supplier<Optional<ClientState.Session>> forgetting) {
    try {
      return forgetting.get();
    } catch (CommandException.FileAccess e) {
      sessions.post(() -> listeners.localWriteFailure(e.getMessage()));
      return target.state.session();
    }
  }

  /** Tries again after a backoff; not once the client is closed (the loss came just before). */
  private void schedule(Session target, int attempt) {
    long delayMillis = Math.min(30_000L, 500L << Math.min(attempt - 1, 6));
    delayMillis += random.nextInt((int) (delayMillis / 4) + 1);
    try {
      timer.schedule(() -> reconnect(target, attempt), delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closed: no reconnect, and nothing to say
    }
  }

  private void reconnect(Session target, int attempt) {
    if (!sessions.isCurrent(target)) {
      return;
    }
    Optional<ClientState.Session> stored = target.state.session();
    if (stored.isEmpty()) {
      return;
    }
    RelayConnection relay = null;
    try {
      relay = sessions.connect(target);
      ResumeReply reply = TokenResumes.send(relay, stored.get());
      if (!sameKeyAsTheRelay(target, relay, reply.username())) {
        return;
      }
      target.members.clear();
      List<String> gone = resumedWith(target, reply);
      TokenResumes.restoreAway(target, relay);
      PendingDeletes.sendAfterLogin(target, relay);
      boolean live =
          sessions.whileCurrent(
              target,
              () -> {
                target.connectionState(ConnectionState.ONLINE);
                sessions.post(
                    () -> {
                      listeners.connection(
                          ConnectionState.ONLINE, "reconnected to " + sessions.options().server());
                      gone.forEach(listeners::noLongerIn);
                      checkFriendsLater(target);
                      new CatchUp(target, listeners).run(reply.conversations());
                    });
              });
      if (!live) {
        relay.close(); // closed (or logged out) while it resumed
      }
    } catch (RuntimeException e) {
      if (relay != null) {
        // An attempt that failed must not leave its connection open: the relay would close it
        // later, and as the session's latest connection that close would start a second
        // reconnect loop beside this one, ending in two resumed connections.
        relay.close();
      }
      if (sessions.isCurrent(target)) {
        failed(target, attempt, stored.get(), e);
      }
      // else closed or logged out meanwhile (closing interrupts an attempt): nothing to say
    }
  }

  /**
   * {@link #FRIENDS_SETTLE} after a reconnect of {@code target}, on its connection of now: tells
   * the listeners of the friends whose presence changed while the connection was down, which the
   * relay pushed to no one (it pushes a change only to who is connected), so that one who left
   * meanwhile does not stay online here. Not at once: after a relay restart the others reconnect in
   * the minute after this client, and would be said to go offline and come online again. A later
   * reconnect checks for itself; this one then does nothing.
   */
  private void checkFriendsLater(Session target) {
    RelayConnection connection = target.rawConnection();
    try {
      timer.schedule(
          () -> friendsChangedMeanwhile(target, connection),
          FRIENDS_SETTLE.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // the client is closing
    }
  }

  private void friendsChangedMeanwhile(Session target, RelayConnection connection) {
    if (!stillOn(target, connection)) {
      return;
    }
    List<FriendView> friends;
    try {
      friends = new SocialRequests(sessions).friends();
    } catch (RuntimeException e) {
      return; // an older relay without friends, or the connection dropped again: nothing to say
    }
    sessions.post(
        () -> {
          if (stillOn(target, connection)) { // not another user's list, logged in meanwhile
            for (FriendView friend : target.presenceHeard.changed(friends)) {
              listeners.presence(friend.username(), friend.presence());
            }
          }
        });
  }

  private boolean stillOn(Session target, RelayConnection connection) {
    return sessions.isCurrent(target)
        && target.rawConnection() == connection
        && target.connectionState() == ConnectionState.ONLINE;
  }

  /**
   * Makes {@code target}'s conversations the ones the relay listed in {@code reply}: those it no
   * longer lists (left or closed on another device, removed or disbanded meanwhile) are dropped and
   * returned, in the client's order, for the listeners to hear of.
   */
  private static List<String> resumedWith(Session target, ResumeReply reply) {
    Set<String> listed = new HashSet<>();
    reply.conversations().forEach(c -> listed.add(c.conversation()));
    return target.listOnly(listed);
  }

  /**
   * Whether the relay still holds {@code target}'s key for {@code user}; if not, closes {@code
   * relay} and stops reconnecting, saying why and what to do. Asking the relay may fail like any
   * request (then the attempt fails and is retried).
   */
  private boolean sameKeyAsTheRelay(Session target, RelayConnection relay, String user) {
    try {
      LoginIdentity.checkRegistered(target.profile, target.keys, target.me(), user);
      return true;
    } catch (CommandException.Untrusted | CommandException.KeyRejected e) {
      relay.close();
      if (sessions.isCurrent(target)) {
        // Nothing may go out under a key the relay no longer holds, and retrying cannot help.
        target.connectionState(ConnectionState.OFFLINE);
        sessions.post(
            () -> {
              listeners.advice(new Advice.KeysReplaced(user, e.getMessage()));
              listeners.stopped(e);
              listeners.connection(
                  ConnectionState.OFFLINE,
                  "your keys were replaced elsewhere: the relay holds another key for "
                      + user
                      + " than this session; stopped reconnecting");
            });
      }
      return false;
    }
  }

  /** Says why an attempt failed and, unless another cannot help, tries again later. */
  private void failed(Session target, int attempt, ClientState.Session stored, RuntimeException e) {
    if (e instanceof CommandException.SessionEnded ended) {
      // The relay forgot the token (a logout from another client of this profile, an expiry, a
      // password login of this profile in another window while this one was away, which ended
      // it): go on with that login's session if there is one, else say so, as a resume at start
      // does, never as a wrong password: none was typed.
      // A suspended account's other sessions are refused as well: no going on with one.
      if (successor(target, stored).isPresent() && !ended.suspended()) {
        schedule(target, 1);
        return;
      }
      target.ended(ended);
      target.connectionState(ConnectionState.OFFLINE);
      sessions.post(() -> stopped(ended));
      return;
    }
    if (ServerPins.isCertificateChange(e)) {
      // Retrying cannot help and would bury the warning under retry messages: stop, loudly.
      target.connectionState(ConnectionState.OFFLINE);
      String user = target.username();
      sessions.post(
          () -> {
            listeners.notice("", e.getMessage());
            if (e instanceof CommandException failure) {
              listeners.stopped(failure);
            }
            // The warning above says it all, both fingerprints included: not a second time.
            listeners.connection(
                ConnectionState.OFFLINE,
                "the relay's certificate changed (see its warning, which names both"
                    + " fingerprints); not reconnecting: once that is settled, log in again"
                    + (user == null ? "" : " as " + user));
          });
      return;
    }
    sessions.post(
        () ->
            listeners.connection(
                ConnectionState.RECONNECTING,
                e.getMessage() + "; retrying (attempt " + attempt + ")"));
    schedule(target, attempt + 1);
  }
}
