package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.client.KeyVerification;
import chat.cli.client.TrustState;
import chat.crypto.Fingerprint;
import chat.crypto.IdentityBundle;
import chat.crypto.MalformedDataException;
import chat.crypto.SafetyNumber;
import chat.protocol.Usernames;
import java.util.Optional;

/**
 * Key verification of {@link RelayChatClient}: a contact's fingerprint and safety number (the key
 * waiting for acceptance if it changed, else the pinned one, fetched on first use), its trust
 * state, and marking it verified (the safety number compared) or trusted as it is.
 */
final class KeyTrust {
  private final SessionManager sessions;

  KeyTrust(SessionManager sessions) {
    this.sessions = sessions;
  }

  Fingerprint fingerprint(String username) {
    requireUsername(username);
    Session session = sessions.requireLocal();
    if (isSelf(session, username)) {
      return session.me().bundle().fingerprint();
    }
    return known(session, username).fingerprint();
  }

  SafetyNumber safetyNumber(String username) {
    requireUsername(username);
    Session session = sessions.requireLocal();
    if (isSelf(session, username)) {
      throw new CommandException.Usage("a safety number is between you and someone else");
    }
    return SafetyNumber.of(session.me().bundle(), known(session, username));
  }

  /**
   * {@code username}'s key as this client holds it (a changed key not yet accepted, else the pinned
   * one), else fetched from the relay: only then is a one-shot client's lost connection resumed
   * ({@link SessionManager#require}), so that a known key is shown while the relay is down.
   */
  private IdentityBundle known(Session session, String username) {
    Optional<IdentityBundle> held =
        session.contacts.pending(username).or(() -> session.contacts.pinned(username));
    if (held.isPresent()) {
      return held.get();
    }
    sessions.require();
    return session.keys.pinnedOrFetch(username);
  }

  String spelling(String username) {
    return sessions
        .current()
        .map(
            session ->
                isSelf(session, username)
                    ? session.username()
                    : session.contacts.spelling(username))
        .orElse(username);
  }

  TrustState trustState(String username) {
    return sessions
        .current()
        .map(
            session ->
                isSelf(session, username) ? TrustState.VERIFIED : session.contacts.state(username))
        .orElse(TrustState.UNVERIFIED);
  }

  /**
   * Refuses a name that is no username before anything is looked up or asked of the relay, which
   * takes none (a control character in it would otherwise fail as an internal error).
   */
  private static void requireUsername(String username) {
    if (!Usernames.isValid(username)) {
      throw CommandException.Usage.notAUsername(username);
    }
  }

  /** Your own key is verified by holding it, as the members list shows it. */
  static boolean isSelf(Session session, String username) {
    String self = session.username();
    return self != null && Usernames.key(username).equals(Usernames.key(self));
  }

  void verify(String username, String safetyNumber) {
    requireUsername(username);
    Session session = sessions.requireLocal();
    SafetyNumber typed;
    try {
      typed = SafetyNumber.parse(safetyNumber);
    } catch (MalformedDataException e) {
      throw new CommandException.Usage(KeyVerification.notASafetyNumber(safetyNumber));
    }
    if (!safetyNumber(username).matches(typed)) {
      throw new CommandException.Untrusted(
          "the safety number does not match "
              + username
              + "'s key: do not trust it until you find out why");
    }
    boolean changed = session.contacts.state(username) == TrustState.CHANGED;
    if (changed) {
      session.contacts.accept(username);
    }
    session.contacts.markVerified(username);
    sessions.trustChanged(
        session, session.contacts.spelling(username), TrustState.VERIFIED, changed);
  }

  void trust(String username) {
    requireUsername(username);
    Session session = sessions.requireLocal();
    if (session.contacts.pinned(username).isEmpty()) {
      sessions.require();
    }
    session.keys.pinnedOrFetch(username);
    boolean changed = session.contacts.state(username) == TrustState.CHANGED;
    session.contacts.accept(username);
    sessions.trustChanged(
        session, session.contacts.spelling(username), session.contacts.state(username), changed);
  }
}
