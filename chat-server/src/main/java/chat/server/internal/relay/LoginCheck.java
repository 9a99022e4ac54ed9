package chat.server.internal.relay;

import chat.crypto.Bytes;
import chat.protocol.ErrorCode;
import chat.protocol.LoginRequest;
import chat.protocol.Secret;
import chat.protocol.Usernames;
import chat.server.internal.audit.AuditLog;
import chat.server.internal.audit.AuditType;
import chat.server.internal.auth.LoginRateLimiter;
import chat.server.internal.auth.PasswordHasher;
import chat.server.internal.storage.SessionRepository;
import chat.server.internal.storage.SuspensionRepository;
import chat.server.internal.storage.UserRepository;
import chat.server.internal.storage.UserRepository.UserRow;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The password of a login, checked under the rate limit (the guess is counted before bcrypt runs,
 * so concurrent guesses cannot pass the limit; unknown users cost a dummy bcrypt), and the new
 * session's row, stored only if that password is still the account's. Used by {@link
 * AccountService#login}.
 */
final class LoginCheck {
  /** Under the account service's name: these are its log lines, which operators may filter on. */
  private static final Logger LOG = LoggerFactory.getLogger(AccountService.class);

  private final Storage storage;
  private final UserRepository users;
  private final SessionRepository sessions;
  private final PasswordHasher hasher;
  private final LoginRateLimiter limiter;
  private final AuditLog audit;
  private final LogIds logIds;
  private final SuspensionRepository suspensions = new SuspensionRepository();

  LoginCheck(
      Storage storage,
      UserRepository users,
      SessionRepository sessions,
      PasswordHasher hasher,
      LoginRateLimiter limiter,
      AuditLog audit,
      LogIds logIds) {
    this.storage = storage;
    this.users = users;
    this.sessions = sessions;
    this.hasher = hasher;
    this.limiter = limiter;
    this.audit = audit;
    this.logIds = logIds;
  }

  /**
   * The account whose password {@code request} gives, checked under the rate limit; the password is
   * destroyed either way.
   *
   * @throws RelayException {@code RATE_LIMITED}, or {@code AUTH_FAILED} for an invalid or unknown
   *     username or a wrong password (the same code for all three, each audited with its reason),
   *     or {@code ACCOUNT_SUSPENDED} for the right password of a suspended account
   */
  UserRow checkPassword(ClientConnection connection, LoginRequest request) {
    String key = Usernames.key(request.username());
    Optional<UserRow> user;
    LoginRateLimiter.Outcome outcome;
    try {
      user =
          Usernames.isValid(request.username())
              ? storage.read(c -> users.find(c, key))
              : Optional.empty();
      outcome =
          limiter.check(
              key,
              connection.limitAddress(),
              () ->
                  user.isPresent()
                      ? hasher.matches(request.password(), user.get().passwordHash())
                      : hasher.matchesNobody(request.password()));
    } finally {
      request.password().destroy();
    }
    if (outcome == LoginRateLimiter.Outcome.LIMITED) {
      LOG.warn("login rate limit hit for {} from {}", logIds.user(key), connection.logId());
      audit.record(
          connection,
          AuditType.RATE_LIMITED,
          RegisterService.validOrNull(request.username()),
          "login attempts (too many failures for this account or address)");
      throw new RelayException(ErrorCode.RATE_LIMITED, limiter.lockedMessage());
    }
    if (outcome == LoginRateLimiter.Outcome.WRONG || user.isEmpty()) {
      LOG.info("login failed for {} from {}", logIds.user(key), connection.logId());
      audit.record(
          connection,
          AuditType.LOGIN_FAILED,
          RegisterService.validOrNull(request.username()),
          !Usernames.isValid(request.username())
              ? "invalid username"
              : user.isPresent() ? "wrong password" : "unknown user");
      throw new RelayException(ErrorCode.AUTH_FAILED);
    }
    refuseIfSuspended(connection, user.get(), AuditType.LOGIN_FAILED);
    return user.get();
  }

  /**
   * Refuses the login or resume of {@code user} if the relay's operator suspended the account,
   * recording {@code failure} ({@code LOGIN_FAILED} or {@code RESUME_FAILED}) in the audit log. A
   * login asks only once its password checked, so the refusal tells nothing to someone guessing.
   *
   * @throws RelayException {@code ACCOUNT_SUSPENDED}, with the operator's reason
   */
  void refuseIfSuspended(ClientConnection connection, UserRow user, AuditType failure) {
    Optional<SuspensionRepository.Suspension> suspension =
        storage.read(c -> suspensions.find(c, user.userKey()));
    if (suspension.isPresent()) {
      LOG.info(
          "{} of suspended {} refused on {}",
          failure == AuditType.LOGIN_FAILED ? "login" : "resume",
          logIds.user(user.userKey()),
          connection.logId());
      audit.record(connection, failure, user.username(), "account suspended");
      throw new RelayException(
          ErrorCode.ACCOUNT_SUSPENDED, ErrorCode.suspended(suspension.get().reason()));
    }
  }

  /**
   * Stores the new session's row, unless the account's password is no longer the one checked: a
   * change_password committed while bcrypt ran must not leave a session opened with the old
   * password. False in that case.
   */
  boolean storeSession(
      ClientConnection connection, UserRow user, Bytes tokenHash, long now, long expiresAt) {
    String key = user.userKey();
    String checkedHash = user.passwordHash();
    return storage.write(
        c -> {
          if (!users.find(c, key).map(u -> u.passwordHash().equals(checkedHash)).orElse(false)) {
            return false;
          }
          sessions.insert(
              c, tokenHash.toByteArray(), key, now, expiresAt, connection.remoteAddress());
          return true;
        });
  }

  /** The login's refusal when the password changed meanwhile; the unused token is destroyed. */
  RelayException passwordChanged(ClientConnection connection, Secret token, UserRow user) {
    token.destroy();
    audit.record(connection, AuditType.LOGIN_FAILED, user.username(), "password changed");
    return new RelayException(ErrorCode.AUTH_FAILED);
  }
}
