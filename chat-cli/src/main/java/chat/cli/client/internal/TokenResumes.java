package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.client.ConnectionState;
import chat.crypto.IdentityKeyPair;
import chat.protocol.ResumeReply;
import chat.protocol.ResumeRequest;
import chat.protocol.Secret;
import java.util.Optional;

/**
 * The ways {@link SessionManager} goes on with the session token a profile stored, without the
 * password: a resume at start, a one-shot client's new connection after one was lost mid-transfer,
 * and ending the stored session ({@code chat logout}). A live client's reconnect is {@link
 * Reconnector}'s.
 */
final class TokenResumes {
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
        reply =
            relay.call(
                new ResumeRequest(relay.nextId(), Secret.of(stored.token())), ResumeReply.class);
      } catch (RuntimeException e) {
        unlocked.ifPresent(IdentityKeyPair::destroy);
        if (e instanceof CommandException.Auth) {
          target.state.session(null);
          throw new CommandException.Auth(
              "the stored session for "
                  + username
                  + " is no longer valid: log in with the password",
              e);
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
   * clients reconnect by themselves instead.
   *
   * @throws CommandException.Auth if there is no stored session or the relay refuses it
   * @throws CommandException.Untrusted if the relay holds another key for the user than this
   *     session's (replaced on another device meanwhile, or a lying relay): exit 4, as at start
   * @throws CommandException.Network if the relay cannot be reached
   */
  RelayConnection reopen(Session target) {
    if (!manager.isCurrent(target)) {
      throw new CommandException.Network("the session ended", null);
    }
    ClientState.Session stored =
        target
            .state
            .session()
            .orElseThrow(() -> new CommandException.Auth("no stored session to resume", null));
    RelayConnection relay = manager.connect(target);
    try {
      ResumeReply reply =
          relay.call(
              new ResumeRequest(relay.nextId(), Secret.of(stored.token())), ResumeReply.class);
      LoginIdentity.checkRegistered(target.profile, target.keys, target.me(), reply.username());
    } catch (RuntimeException e) {
      relay.close();
      throw e;
    }
    target.connectionState(ConnectionState.ONLINE);
    PendingDeletes.sendAfterLogin(target, relay);
    return relay;
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
