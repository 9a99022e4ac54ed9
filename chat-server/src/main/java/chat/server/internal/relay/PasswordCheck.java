package chat.server.internal.relay;

import chat.protocol.ErrorCode;
import chat.protocol.Secret;
import chat.server.internal.audit.AuditLog;
import chat.server.internal.audit.AuditType;
import chat.server.internal.auth.LoginRateLimiter;
import chat.server.internal.auth.PasswordHasher;
import chat.server.internal.storage.UserRepository;
import chat.server.internal.storage.UserRepository.UserRow;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account password asked again of a logged-in user before a change that a session token alone
 * must not make (a key change, a key backup, a password change): checked as a login checks it,
 * under the same rate limit (the guess counted before bcrypt runs), a refusal counted and audited
 * as a login failure. Also the rule every new password follows.
 */
public final class PasswordCheck {
  /** Smallest password length in characters. */
  public static final int MIN_PASSWORD_CHARS = 8;

  /** Largest password length in UTF-8 bytes. */
  public static final int MAX_PASSWORD_BYTES = 1024;

  private static final Logger LOG = LoggerFactory.getLogger(PasswordCheck.class);

  private final Storage storage;
  private final UserRepository users;
  private final PasswordHasher hasher;
  private final LoginRateLimiter limiter;
  private final AuditLog audit;
  private final LogIds logIds;

  /** The check over its collaborators; see {@code Relay} for the wiring. */
  public PasswordCheck(
      Storage storage,
      UserRepository users,
      PasswordHasher hasher,
      LoginRateLimiter limiter,
      AuditLog audit,
      LogIds logIds) {
    this.storage = storage;
    this.users = users;
    this.hasher = hasher;
    this.limiter = limiter;
    this.audit = audit;
    this.logIds = logIds;
  }

  /**
   * Checks {@code password} (destroyed after) against the logged-in user's account: {@link
   * ErrorCode#RATE_LIMITED} while the account or address is locked, else {@link
   * ErrorCode#AUTH_FAILED} if it is wrong, which counts as a failed login of both and is audited
   * with {@code purpose} (e.g. {@code key change}).
   *
   * @return the stored hash the password was checked against, for a change that must not overwrite
   *     a hash another request stored meanwhile (see {@link PasswordService})
   */
  String require(ClientConnection connection, Secret password, String purpose) {
    String key = connection.state().requireUserKey();
    String username = connection.state().username().orElse(key);
    LoginRateLimiter.Outcome outcome;
    Optional<UserRow> user;
    try {
      Optional<UserRow> found = storage.read(c -> users.find(c, key));
      user = found;
      outcome =
          limiter.check(
              key,
              connection.limitAddress(),
              () -> found.isPresent() && hasher.matches(password, found.get().passwordHash()));
    } finally {
      password.destroy();
    }
    if (outcome == LoginRateLimiter.Outcome.LIMITED) {
      audit.record(
          connection,
          AuditType.RATE_LIMITED,
          username,
          "login attempts (too many failures for this account or address)");
      throw new RelayException(ErrorCode.RATE_LIMITED, limiter.lockedMessage());
    }
    if (outcome == LoginRateLimiter.Outcome.WRONG) {
      LOG.info("{} refused for {}: wrong password", purpose, logIds.user(key));
      audit.record(connection, AuditType.LOGIN_FAILED, username, purpose + ": wrong password");
      throw new RelayException(ErrorCode.AUTH_FAILED);
    }
    return user.get().passwordHash();
  }

  /**
   * Refuses a new password shorter than {@link #MIN_PASSWORD_CHARS} characters or longer than
   * {@link #MAX_PASSWORD_BYTES} UTF-8 bytes with {@link ErrorCode#WEAK_PASSWORD}.
   */
  static void requireAcceptable(Secret password) {
    byte[] utf8 = password.utf8();
    int bytes = utf8.length;
    Arrays.fill(utf8, (byte) 0);
    if (password.length() < MIN_PASSWORD_CHARS || bytes > MAX_PASSWORD_BYTES) {
      throw new RelayException(ErrorCode.WEAK_PASSWORD);
    }
  }
}
