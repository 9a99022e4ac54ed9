package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.protocol.LogoutReply;
import chat.protocol.LogoutRequest;
import chat.protocol.ProtocolVersions;
import chat.protocol.ResumeReply;
import chat.protocol.ResumeRequest;
import chat.protocol.Secret;
import chat.protocol.SessionIds;
import chat.protocol.Usernames;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session token a profile keeps so that a later run resumes without the password. The token
 * alone is what the relay checks: resuming it needs no key, so ending it needs none either.
 */
final class StoredSessions {
  private static final Logger LOG = LoggerFactory.getLogger(StoredSessions.class);

  private StoredSessions() {}

  /**
   * The session of {@code username} that {@code target}'s profile holds before a password login
   * replaces it, if any: {@link #endReplaced} ends it once the login succeeded. Whether it expired
   * is not judged by this machine's clock, which may be ahead: one the relay no longer knows is
   * left to it.
   */
  static Optional<ClientState.Session> replaceable(Session target, String username) {
    return target
        .state
        .session()
        .filter(s -> Usernames.key(s.username()).equals(Usernames.key(username)));
  }

  /**
   * Ends {@code replaced}, the session a password login just replaced in the profile, with {@code
   * end_session} over {@code relay}, the new session's connection; else it would stay listed in
   * {@code sessions} until it expires. Never fails the login: a relay that cannot end sessions
   * (wire version 1), one that no longer knows it, or a lost connection leave it to expire, which
   * is logged at debug level only.
   */
  static void endReplaced(RelayConnection relay, ClientState.Session replaced) {
    String id = SessionIds.of(tokenHash(replaced.token()));
    if (relay.version() < ProtocolVersions.SOCIAL) {
      LOG.debug("the relay cannot end sessions: the replaced session {} expires by itself", id);
      return;
    }
    try {
      SessionRequests.end(relay, id);
      LOG.debug("ended the replaced session {}", id);
    } catch (RuntimeException e) {
      LOG.debug(
          "could not end the replaced session {}; it expires by itself: {}", id, e.getMessage());
    }
  }

  /** {@code SHA-256(UTF-8(token))}, the form the relay stores and derives the session id from. */
  static byte[] tokenHash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing", e);
    }
  }

  /**
   * The session stored in {@code target}'s profile for {@code username}.
   *
   * @throws CommandException.Auth if there is none (or it is another user's)
   */
  static ClientState.Session of(Session target, String username, String server) {
    return target
        .state
        .session()
        .filter(s -> Usernames.key(s.username()).equals(Usernames.key(username)))
        .orElseThrow(
            () ->
                new CommandException.Auth(
                    "no stored session for "
                        + username
                        + " on "
                        + server
                        + ": log in with the password",
                    null));
  }

  /**
   * Ends {@code stored} on the relay through {@code relay}, a new connection: resumes it with its
   * token and logs out there. The key file stays locked. Forgets the token in {@code target}'s
   * state, also when the relay no longer knew it.
   *
   * @return whether the relay still knew the session (false: it had already ended)
   */
  static boolean revoke(Session target, ClientState.Session stored, RelayConnection relay) {
    try {
      relay.call(new ResumeRequest(relay.nextId(), Secret.of(stored.token())), ResumeReply.class);
    } catch (CommandException.Auth e) {
      target.state.forgetSession();
      return false;
    }
    relay.call(new LogoutRequest(relay.nextId()), LogoutReply.class);
    target.state.forgetSession();
    return true;
  }

  /**
   * Ends {@code target} after its session ended on the relay: closes the connection and writes the
   * state without the token. If the profile cannot be written the session is over all the same, so
   * that is a warning (given to {@code warn}), not a failure: the token left in the file no longer
   * works, and the next command finds that out and asks for the password.
   */
  static void end(Session target, Consumer<String> warn) {
    try {
      target.end();
    } catch (CommandException.FileAccess e) {
      warn.accept(
          "warning: the session ended, but "
              + e.getMessage()
              + ": the ended session stays recorded there, and the next command asks for the"
              + " password");
    }
  }

  /**
   * Writes the state of {@code username}'s profile now: the session's, if {@code sessions} is
   * logged in as {@code username}, else the one stored on disk (for a change that logs in by
   * itself).
   *
   * @throws CommandException.FileAccess if it cannot be written
   */
  static void saveNow(SessionManager sessions, String username) {
    Optional<Session> current =
        sessions
            .current()
            .filter(Session::ready)
            .filter(s -> Usernames.key(s.username()).equals(Usernames.key(username)));
    if (current.isPresent()) {
      current.get().state.saveNow();
      return;
    }
    Profile profile = sessions.profileFor(username);
    if (sessions.requireThisRelays(profile, Optional.empty())) {
      return; // another name of the same relay, or one the connection's check refuses: kept
    }
    profile.create();
    ClientState.load(profile.state(), sessions.options().serverKey()).saveNow();
  }
}
