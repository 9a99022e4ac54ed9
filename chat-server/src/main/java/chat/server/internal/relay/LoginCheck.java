package chat.server.internal.relay;

import chat.crypto.Bytes;
import chat.protocol.ErrorCode;
import chat.protocol.LoginRequest;
import chat.protocol.Secret;
import chat.protocol.SessionsReply;
import chat.protocol.Usernames;
import chat.server.internal.audit.AuditLog;
import chat.server.internal.audit.AuditType;
import chat.server.internal.auth.LoginRateLimiter;
import chat.server.internal.auth.PasswordHasher;
import chat.server.internal.storage.SessionRepository;
import chat.server.internal.storage.SuspensionRepository;
import chat.server.internal.storage.UserRepository;
import chat.server.internal.storage.UserRepository.UserRow;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
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

  /** The most sessions an account keeps: as many as {@code list_sessions} lists. */
  static final int MAX_SESSIONS = SessionsReply.MAX_SESSIONS;

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
   * password. Empty in that case. An account keeps at most {@link #MAX_SESSIONS} sessions, all of
   * which {@code list_sessions} lists: its expired ones are deleted with it, then, past them, the
   * least recently used that no connection uses ({@code inUse} says which are), then the least
   * recently used, and their token hashes returned, for their connections to be closed.
   */
  Optional<List<Bytes>> storeSession(
      ClientConnection connection,
      UserRow user,
      Bytes tokenHash,
      long now,
      long expiresAt,
      Predicate<Bytes> inUse) {
    String key = user.userKey();
    String checkedHash = user.passwordHash();
    return storage.write(
        c -> {
          if (!users.find(c, key).map(u -> u.passwordHash().equals(checkedHash)).orElse(false)) {
            return Optional.empty();
          }
          sessions.insert(
              c, tokenHash.toByteArray(), key, now, expiresAt, connection.remoteAddress());
          // expired ones first: a session that no longer resumes never keeps out one that does
          sessions.deleteExpiredOf(c, key, now);
          List<Bytes> pushedOut = pushedOut(sessions.newestFirst(c, key), tokenHash, inUse);
          for (Bytes hash : pushedOut) {
            sessions.delete(c, hash.toByteArray());
          }
          return Optional.of(pushedOut);
        });
  }

  /**
   * Of an account's sessions ({@code newestFirst}, {@code added} among them), those past {@link
   * #MAX_SESSIONS}: the least recently used that are not {@code inUse} first, then the least
   * recently used; never {@code added}.
   */
  static List<Bytes> pushedOut(List<Bytes> newestFirst, Bytes added, Predicate<Bytes> inUse) {
    int excess = newestFirst.size() - MAX_SESSIONS;
    if (excess <= 0) {
      return List.of();
    }
    List<Bytes> oldestFirst = new ArrayList<>(newestFirst);
    Collections.reverse(oldestFirst);
    oldestFirst.removeIf(hash -> MessageDigest.isEqual(hash.toByteArray(), added.toByteArray()));
    List<Bytes> unused = new ArrayList<>();
    List<Bytes> used = new ArrayList<>();
    for (Bytes hash : oldestFirst) {
      (inUse.test(hash) ? used : unused).add(hash); // asked once: a resume may change the answer
    }
    unused.addAll(used);
    return List.copyOf(unused.subList(0, Math.min(excess, unused.size())));
  }

  /** The login's refusal when the password changed meanwhile; the unused token is destroyed. */
  RelayException passwordChanged(ClientConnection connection, Secret token, UserRow user) {
    token.destroy();
    audit.record(connection, AuditType.LOGIN_FAILED, user.username(), "password changed");
    return new RelayException(ErrorCode.AUTH_FAILED);
  }
}
