package chat.server.internal.audit;

import java.util.Locale;
import java.util.Optional;

/**
 * What an audit event records. The names are stored in the database and printed by {@code
 * chat-server audit}; new types are added at the end and existing names never change.
 */
public enum AuditType {
  /** A TCP connection was accepted (before TLS). */
  CONNECT,
  /** A connection closed; the detail says why (client, idle timeout, error, relay shutdown). */
  DISCONNECT,
  /** An account was created. */
  REGISTER,
  /** A registration was refused; the detail is the error code (e.g. {@code USERNAME_TAKEN}). */
  REGISTER_FAILED,
  /** A password login succeeded. */
  LOGIN,
  /** A password login failed; the detail is the reason category, never the password. */
  LOGIN_FAILED,
  /** A session was resumed with its token. */
  RESUME,
  /** A session resume failed; the detail is the reason category, never the token. */
  RESUME_FAILED,
  /** A session was ended and its token revoked. */
  LOGOUT,
  /** A user replaced their identity bundle (new keys); the detail is the new short fingerprint. */
  KEY_CHANGE,
  /** A rate limit refused something; the detail says which limit. */
  RATE_LIMITED,
  /** A connection was dropped because it stopped reading. */
  SLOW_CONSUMER,
  /** Something failed inside the relay, or a client broke the protocol badly enough to be cut. */
  ERROR,
  /** An operator or room administrator acted: the detail says what was done to what. */
  ADMIN,
  /** The relay started; the detail holds the listening address. */
  RELAY_START,
  /** The relay stopped cleanly. */
  RELAY_STOP,
  /** A user changed their account password; the detail says how many other sessions were ended. */
  PASSWORD_CHANGE,
  /**
   * A password change whose current password was right was refused because another session changed
   * the password first; the detail says so. Not a failed login: nothing was guessed.
   */
  PASSWORD_CHANGE_FAILED,
  /**
   * A user ended one of their sessions from another one ({@code end_session}); the detail names the
   * session id.
   */
  SESSION_END,
  /**
   * A user's key backup on the relay was replaced ({@code put_key_backup}), or a replacement sent
   * without the account password was refused; the detail says which (a wrong password is a {@link
   * #LOGIN_FAILED}).
   */
  KEY_BACKUP,
  /**
   * A user reported another to the operator ({@code report}, wire version 17): the reporter in
   * {@code username}; the detail is {@code about <username>[ in <room>| in private]: <reason>}.
   */
  REPORT;

  /**
   * The type named {@code text}, ignoring case and accepting {@code -} for {@code _} (so {@code
   * login-failed} finds {@link #LOGIN_FAILED}).
   */
  public static Optional<AuditType> parse(String text) {
    String name = text.trim().replace('-', '_').toUpperCase(Locale.ROOT);
    for (AuditType type : values()) {
      if (type.name().equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
