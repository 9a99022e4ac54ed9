package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.client.ConnectionState;
import chat.crypto.IdentityKeyPair;
import chat.protocol.PresenceStatus;
import chat.protocol.ProtocolVersions;
import chat.protocol.ResumeReply;
import chat.protocol.ResumeRequest;
import chat.protocol.Secret;
import chat.protocol.SetPresenceReply;
import chat.protocol.SetPresenceRequest;
import java.util.Optional;

/**
 * The ways {@link SessionManager} goes on with the session token a profile stored, without the
 * password: a resume at start, a one-shot client's new connection after one was lost mid-transfer,
 * and ending the stored session ({@code chat logout}). A live client's reconnect is {@link
 * Reconnector}'s.
 */
final class TokenResumes {
  /** How often a restore of the away state refused for now is sent again (1 s apart). */
  static final int AWAY_RESTORE_WAITS = 10;

  private final SessionManager manager;
  private final PendingIdentity pending;

  TokenResumes(SessionManager manager, PendingIdentity pending) {
    this.manager = manager;
    this.pending = pending;
  }

  void resume(String username, char[] passphrase) {
    Profile profile = manager.profileFor(username);
    Session target = manager.newSession(profile);
    try {
      ClientState.Session stored = StoredSessions.of(target, username, manager.options().server());
      // The unlock runs while the connection is opened; the resume waits for it.
      BackgroundUnlock unlocking =
          BackgroundUnlock.start(() -> LoginIdentity.beforeResume(profile, pending, passphrase));
      RelayConnection relay;
      try {
        relay = manager.connect(target);
      } catch (RuntimeException e) {
        unlocking.discard(); // a wrong passphrase is still what the user hears first
        throw e;
      }
      Optional<IdentityKeyPair> unlocked = unlocking.await();
      ResumeReply reply;
      try {
        reply = send(relay, stored);
      } catch (RuntimeException e) {
        unlocked.ifPresent(IdentityKeyPair::destroy);
        if (e instanceof CommandException.SessionEnded) {
          target.state.session(null);
        }
        throw e;
      }
      IdentityKeyPair identity =
          LoginIdentity.resumed(
              target, relay, pending, unlocked, passphrase, reply.username(), manager::notice);
      manager.established(
          target, identity, reply.username(), null, reply.expiresAtMillis(), reply.conversations());
    } catch (RuntimeException e) {
      target.end();
      throw e;
    }
  }

  /**
   * For a one-shot client whose connection was lost mid-transfer: a new connection resumed with the
   * stored token (no password, no catch-up), checked as a resume at start and a live client's
   * reconnect are ({@link LoginIdentity#checkRegistered}) before anything is sent on it. Live
   * clients reconnect by themselves instead. A connection the relay closed because the session was
   * ended elsewhere is not resumed: the token would only be refused (and counted against this
   * address).
   *
   * @throws CommandException.SessionEnded if the relay ended the session or refuses its token (the
   *     profile forgets the token)
   * @throws CommandException.Auth if there is no stored session
   * @throws CommandException.Untrusted if the relay holds another key for the user than this
   *     session's (replaced on another device meanwhile, or a lying relay): exit 4, as at start
   * @throws CommandException.Network if the relay cannot be reached
   */
  RelayConnection reopen(Session target) {
    if (!manager.isCurrent(target)) {
      throw new CommandException.Network("the session ended", null);
    }
    RelayConnection lost = target.rawConnection();
    if (lost != null && lost.sessionRevoked()) {
      // The reader forgot the token as the relay said so (Reconnector#sessionEnded).
      throw lost.sessionEnded(target.username());
    }
    ClientState.Session stored =
        target
            .state
            .session()
            .orElseThrow(() -> new CommandException.Auth("no stored session to resume", null));
    RelayConnection relay = manager.connect(target);
    try {
      ResumeReply reply = send(relay, stored);
      LoginIdentity.checkRegistered(target.profile, target.keys, target.me(), reply.username());
      restoreAway(target, relay);
    } catch (RuntimeException e) {
      relay.close();
      if (e instanceof CommandException.SessionEnded) {
        forget(target, stored);
      }
      throw e;
    }
    target.connectionState(ConnectionState.ONLINE);
    PendingDeletes.sendAfterLogin(target, relay);
    return relay;
  }

  /**
   * Sets the away state again on a new connection (a reconnect, or a one-shot client's resume after
   * a loss): the relay forgets it when the last connection drops. A restore the relay refuses for
   * now (over its presence changes a second, after the user's own changes just before the loss) is
   * sent again once the allowance has grown, up to {@link #AWAY_RESTORE_WAITS} times, as a send is:
   * failing, it would fail the reconnect attempt it is part of.
   */
  static void restoreAway(Session target, RelayConnection relay) {
    String away = target.away();
    if (away == null || relay.version() < ProtocolVersions.SOCIAL) {
      return;
    }
    for (int waits = 0; ; waits++) {
      try {
        relay.call(
            new SetPresenceRequest(
                relay.nextId(), PresenceStatus.AWAY, away.isEmpty() ? null : away),
            SetPresenceReply.class);
        return;
      } catch (CommandException.RateLimited e) {
        if (waits == AWAY_RESTORE_WAITS || !EnvelopeSender.pause()) {
          throw e;
        }
      }
    }
  }

  /**
   * Sends {@code stored}'s token in a {@code resume} over {@code relay}. The relay answers a token
   * it no longer accepts ({@code AUTH_FAILED}, or {@code SESSION_EXPIRED}) as it answers a wrong
   * password, but nobody typed one: that refusal is {@link CommandException.SessionEnded}, which
   * says the session ended or expired, or that the account is suspended ({@code
   * ACCOUNT_SUSPENDED}). Any other failure is thrown as it is.
   */
  static ResumeReply send(RelayConnection relay, ClientState.Session stored) {
    try {
      return relay.call(
          new ResumeRequest(relay.nextId(), Secret.of(stored.token())), ResumeReply.class);
    } catch (CommandException.AccountSuspended e) {
      throw CommandException.SessionEnded.suspended(stored.username(), e);
    } catch (CommandException.Auth e) {
      throw CommandException.SessionEnded.refused(stored.username());
    }
  }

  /**
   * Forgets {@code stored} in {@code target}'s profile, unless another process of it stored a newer
   * session ({@link ClientState#sessionEnded}). A profile that cannot be written keeps the token,
   * which no longer works: the next command finds that out and asks for the password.
   */
  private static void forget(Session target, ClientState.Session stored) {
    try {
      target.state.sessionEnded(stored);
    } catch (CommandException.FileAccess e) {
      // as above: nothing lost, the refusal is what the user hears
    }
  }

  /** Ends the session stored for {@code username}, keys locked: {@link StoredSessions#revoke}. */
  boolean revokeStored(String username) {
    Session target = manager.newSession(manager.profileFor(username));
    boolean known;
    try {
      ClientState.Session stored = StoredSessions.of(target, username, manager.options().server());
      known = StoredSessions.revoke(target, stored, manager.connect(target));
    } catch (RuntimeException e) {
      target.end();
      throw e;
    }
    StoredSessions.end(target, manager::notice);
    return known;
  }
}
