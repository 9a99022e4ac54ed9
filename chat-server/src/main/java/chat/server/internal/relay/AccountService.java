package chat.server.internal.relay;

import chat.crypto.Bytes;
import chat.crypto.CryptoException;
import chat.crypto.IdentityBundle;
import chat.protocol.BundleReply;
import chat.protocol.BundlesReply;
import chat.protocol.ConversationState;
import chat.protocol.ErrorCode;
import chat.protocol.GetBundleRequest;
import chat.protocol.GetBundlesRequest;
import chat.protocol.LoginReply;
import chat.protocol.LoginRequest;
import chat.protocol.LogoutReply;
import chat.protocol.LogoutRequest;
import chat.protocol.PresenceStatus;
import chat.protocol.ProtocolVersions;
import chat.protocol.ResumeReply;
import chat.protocol.ResumeRequest;
import chat.protocol.Secret;
import chat.protocol.SessionIds;
import chat.protocol.UpdateBundleReply;
import chat.protocol.UpdateBundleRequest;
import chat.protocol.UserBundle;
import chat.protocol.Usernames;
import chat.server.RoomLimits;
import chat.server.internal.audit.AuditLog;
import chat.server.internal.audit.AuditType;
import chat.server.internal.auth.LoginRateLimiter;
import chat.server.internal.auth.PasswordHasher;
import chat.server.internal.auth.SessionTokens;
import chat.server.internal.storage.MemberRepository;
import chat.server.internal.storage.SessionRepository;
import chat.server.internal.storage.SessionRepository.SessionRow;
import chat.server.internal.storage.UserRepository;
import chat.server.internal.storage.UserRepository.UserRow;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts and sessions: login, resume, logout, and the key directory ({@link RegisterService}
 * creates accounts). Every login or resume failure is the same {@link ErrorCode#AUTH_FAILED};
 * unknown users cost a dummy bcrypt ({@link LoginCheck}). The one exception is a suspended account
 * ({@link ErrorCode#ACCOUNT_SUSPENDED}), said to a login only once its password checked.
 */
public final class AccountService {
  private static final Logger LOG = LoggerFactory.getLogger(AccountService.class);

  private final LogIds logIds;
  private final int maxFrameBytes;

  private final Storage storage;
  private final UserRepository users;
  private final SessionRepository sessions;
  private final MemberRepository members;
  private final SessionTokens tokens;
  private final LoginRateLimiter limiter;
  private final Router router;
  private final Notifier notifier;
  private final Clock clock;
  private final Duration sessionTtl;
  private final KeyFingerprints fingerprints;
  private final AuditLog audit;
  private final PasswordCheck passwordCheck;
  private final ParsedBundles parsedBundles = new ParsedBundles();
  private final LoginCheck loginCheck;

  /**
   * The service over its collaborators; see {@code Relay} for the wiring. {@code maxFrameBytes}
   * bounds how many conversations of a login reply carry their newest message's id ({@link
   * RoomLimits#newestIdsFitting}).
   */
  public AccountService(
      Storage storage,
      UserRepository users,
      SessionRepository sessions,
      MemberRepository members,
      PasswordHasher hasher,
      SessionTokens tokens,
      LoginRateLimiter limiter,
      Router router,
      Notifier notifier,
      Clock clock,
      Duration sessionTtl,
      KeyFingerprints fingerprints,
      AuditLog audit,
      PasswordCheck passwordCheck,
      LogIds logIds,
      int maxFrameBytes) {
    this.logIds = logIds;
    this.maxFrameBytes = maxFrameBytes;
    this.passwordCheck = passwordCheck;
    this.fingerprints = fingerprints;
    this.audit = audit;
    this.storage = storage;
    this.users = users;
    this.sessions = sessions;
    this.members = members;
    this.tokens = tokens;
    this.limiter = limiter;
    this.router = router;
    this.notifier = notifier;
    this.clock = clock;
    this.sessionTtl = sessionTtl;
    this.loginCheck = new LoginCheck(storage, users, sessions, hasher, limiter, audit, logIds);
  }

  static IdentityBundle parseBundle(Bytes encoded, String username) {
    IdentityBundle bundle;
    try {
      bundle = IdentityBundle.parse(encoded.toByteArray());
    } catch (CryptoException e) {
      throw new RelayException(ErrorCode.INVALID_BUNDLE);
    }
    if (!bundle.userId().equals(username)) {
      throw new RelayException(ErrorCode.INVALID_BUNDLE, "bundle user id must equal the username");
    }
    return bundle;
  }

  /**
   * Checks the password (rate-limited: the guess is counted before bcrypt runs, so concurrent
   * guesses cannot pass the limit) and starts a session with a new token.
   */
  public LoginReply login(ClientConnection connection, LoginRequest request) {
    UserRow user = loginCheck.checkPassword(connection, request);
    String key = user.userKey();
    Secret token = tokens.issue();
    Bytes tokenHash = Bytes.of(SessionTokens.hash(token));
    long now = clock.millis();
    long expiresAt = now + sessionTtl.toMillis();
    Optional<List<Bytes>> pushedOut =
        loginCheck.storeSession(
            connection, user, tokenHash, now, expiresAt, hash -> inUse(key, hash));
    if (pushedOut.isEmpty()) {
      throw loginCheck.passwordChanged(connection, token, user);
    }
    // at once, once their deletion is durable: nothing after this may leave them logged in
    for (Bytes hash : pushedOut.get()) {
      endPushedOut(connection, user, hash);
    }
    List<ConversationState> states = start(connection, user, tokenHash, true);
    if (storage.read(c -> sessions.find(c, tokenHash.toByteArray())).isEmpty()) {
      // Revoked while this login went live (a password change ended the account's other
      // sessions): that change deleted the row before scanning the router, and this connection
      // joined the router before this look-up, so one of the two sees the other.
      end(connection, key);
      throw loginCheck.passwordChanged(connection, token, user);
    }
    LOG.info("login {} on {}", logIds.user(key), connection.logId());
    audit.record(connection, AuditType.LOGIN, user.username(), "");
    return new LoginReply(request.id(), user.username(), token, expiresAt, states);
  }

  /**
   * Closes the connections of the session of {@code hash}, which a login of {@code user} on {@code
   * connection} pushed out past the account's most sessions, and says so in the log and the audit.
   */
  private void endPushedOut(ClientConnection connection, UserRow user, Bytes hash) {
    closeSession(user.userKey(), hash);
    String id = SessionIds.of(hash.toByteArray());
    LOG.info(
        "session {} of {} ended: the account's least recently used of over {}",
        id,
        logIds.user(user.userKey()),
        LoginCheck.MAX_SESSIONS);
    audit.record(
        connection,
        AuditType.SESSION_END,
        user.username(),
        "ended session " + id + " (least recently used of over " + LoginCheck.MAX_SESSIONS + ")");
  }

  /** Restores a session from its token; no password hashing. */
  public ResumeReply resume(ClientConnection connection, ResumeRequest request) {
    String address = connection.limitAddress();
    if (!limiter.allowedAddress(address)) {
      audit.record(connection, AuditType.RATE_LIMITED, null, "session resume (too many failures)");
      throw new RelayException(ErrorCode.RATE_LIMITED);
    }
    Secret token = request.token();
    if (token.length() != SessionTokens.TOKEN_CHARS) {
      limiter.recordAddressFailure(address);
      audit.record(connection, AuditType.RESUME_FAILED, null, "malformed token");
      throw new RelayException(ErrorCode.AUTH_FAILED);
    }
    Bytes tokenHash = Bytes.of(SessionTokens.hash(token));
    token.destroy();
    Optional<SessionRow> session = storage.read(c -> sessions.find(c, tokenHash.toByteArray()));
    if (session.isEmpty()) {
      limiter.recordAddressFailure(address);
      audit.record(connection, AuditType.RESUME_FAILED, null, "unknown or revoked token");
      throw new RelayException(ErrorCode.AUTH_FAILED);
    }
    if (session.get().expiresAtMillis() <= clock.millis()) {
      String expired = session.get().userKey();
      // The name as registered, as every other row gives it (the session holds only its key).
      String name =
          storage.read(c -> users.find(c, expired)).map(UserRow::username).orElse(expired);
      audit.record(connection, AuditType.RESUME_FAILED, name, "session expired");
      // Where relay.db cannot be written, the expired row stays until a later sweep, and the
      // client is still told what matters to it, that the session is over.
      storage.writeIfWritable(
          c -> {
            sessions.delete(c, tokenHash.toByteArray());
            return null;
          });
      throw new RelayException(ErrorCode.SESSION_EXPIRED);
    }
    String key = session.get().userKey();
    UserRow user =
        storage
            .read(c -> users.find(c, key))
            .orElseThrow(() -> new RelayException(ErrorCode.AUTH_FAILED));
    loginCheck.refuseIfSuspended(connection, user, AuditType.RESUME_FAILED);
    List<ConversationState> states = start(connection, user, tokenHash, false);
    long now = clock.millis();
    // Records the use for the sessions list (the whole address, not the limiter's /64), and finds
    // a logout made while this resume ran: that logout deleted the row before scanning the
    // router, and this connection joined the router before this write, so one of them sees it.
    boolean stillValid;
    try {
      stillValid = touched(connection, tokenHash, now);
    } catch (RuntimeException e) {
      end(connection, key); // logged in by start(), which this failure undoes
      throw e;
    }
    if (!stillValid) {
      end(connection, key);
      audit.record(connection, AuditType.RESUME_FAILED, user.username(), "logged out meanwhile");
      throw new RelayException(ErrorCode.AUTH_FAILED);
    }
    LOG.info("resume {} on {}", logIds.user(key), connection.logId());
    audit.record(connection, AuditType.RESUME, user.username(), "");
    return new ResumeReply(request.id(), user.username(), session.get().expiresAtMillis(), states);
  }

  /**
   * Records that the session {@code tokenHash} was used {@code now} from the connection's address;
   * false if it is gone (a logout meanwhile). Where {@code relay.db} cannot be written (a full or
   * read-only disk), the use goes unrecorded and the session's row is read instead, so that its
   * device can still get back in to read what is stored. That read, like the write, comes after the
   * connection joined the router, so a logout that deleted the row before scanning the router is
   * seen here either way.
   */
  private boolean touched(ClientConnection connection, Bytes tokenHash, long now) {
    return storage
        .writeIfWritable(
            c -> sessions.touch(c, tokenHash.toByteArray(), now, connection.remoteAddress()))
        .orElseGet(() -> storage.read(c -> sessions.find(c, tokenHash.toByteArray())).isPresent());
  }

  /**
   * Logs the connection in as {@code user} with the session {@code hash}, {@code byPassword} for a
   * login (not a resume). One logged in as another account is logged out of it first; one already
   * logged in as this account stays online (its peers are not told it left and came back, which a
   * client could repeat with every request).
   */
  private List<ConversationState> start(
      ClientConnection connection, UserRow user, Bytes hash, boolean byPassword) {
    ConnectionState state = connection.state();
    String key = user.userKey();
    state.userKey().filter(previous -> !previous.equals(key)).ifPresent(p -> end(connection, p));
    state.login(key, user.username(), hash, byPassword);
    if (router.add(key, connection)) {
      notifier.presence(key, user.username(), PresenceStatus.ONLINE);
    }
    List<ConversationState> mine = storage.read(c -> members.conversationsOf(c, key));
    int withId =
        state.version() < ProtocolVersions.NEWEST_ID
            ? 0
            : RoomLimits.newestIdsFitting(maxFrameBytes, mine.size());
    List<ConversationState> out = new ArrayList<>(mine.size());
    for (ConversationState conversation : mine) {
      out.add(out.size() < withId ? conversation : conversation.withoutLastId());
    }
    return out;
  }

  /**
   * Revokes the session's token and logs the connection out. Every other connection that resumed
   * the same session is closed with {@link ErrorCode#SESSION_EXPIRED}: a revoked token must not
   * keep working on a connection that proved it before the revocation.
   */
  public LogoutReply logout(ClientConnection connection, LogoutRequest request) {
    ConnectionState state = connection.state();
    String key = state.userKey().orElseThrow(() -> new RelayException(ErrorCode.AUTH_REQUIRED));
    String username = state.username().orElse(key);
    Optional<Bytes> revoked = state.tokenHash();
    revoked.ifPresent(
        hash ->
            storage.write(
                c -> {
                  sessions.delete(c, hash.toByteArray());
                  return null;
                }));
    end(connection, key);
    revoked.ifPresent(hash -> closeSession(key, hash));
    LOG.info("logout {} on {}", logIds.user(key), connection.logId());
    audit.record(connection, AuditType.LOGOUT, username, "");
    return new LogoutReply(request.id());
  }

  /** Whether a connection of {@code key} is logged in with the session of {@code tokenHash}. */
  private boolean inUse(String key, Bytes tokenHash) {
    for (ClientConnection other : router.connections(key)) {
      if (other
          .state()
          .tokenHash()
          .filter(h -> MessageDigest.isEqual(h.toByteArray(), tokenHash.toByteArray()))
          .isPresent()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Closes, with {@link ErrorCode#SESSION_EXPIRED}, every connection of {@code key} logged in with
   * another session than {@code kept} (its token hash): their sessions were revoked by a password
   * change. Call it after the revocation is durable.
   */
  void closeOtherSessions(String key, Bytes kept) {
    closeWhere(key, other -> !MessageDigest.isEqual(other, kept.toByteArray()));
  }

  /**
   * Closes, with {@link ErrorCode#SESSION_EXPIRED}, every connection of {@code key} logged in with
   * the session whose token hash is {@code revoked}: it was ended from another session. Call it
   * after the revocation is durable.
   */
  void closeSession(String key, Bytes revoked) {
    closeWhere(key, other -> MessageDigest.isEqual(other, revoked.toByteArray()));
  }

  /**
   * Closes every connection of {@code key} with {@code code} and {@code message}, or the code an
   * older connection knows in its place ({@link ErrorCode#forVersion}); returns how many. For the
   * suspension of the account ({@link SuspensionWatch}).
   */
  int closeAll(String key, ErrorCode code, String message) {
    int closed = 0;
    for (ClientConnection other : router.connections(key)) {
      LOG.info("closing {}: {}", other.logId(), code);
      other.state().closing();
      end(other, key); // requests it has queued are refused from now on (AUTH_REQUIRED)
      other.close(code.forVersion(other.state().version()), message);
      closed++;
    }
    return closed;
  }

  /** Closes the connections of {@code key} whose session token hash {@code revoked} accepts. */
  private void closeWhere(String key, java.util.function.Predicate<byte[]> revoked) {
    for (ClientConnection other : router.connections(key)) {
      Optional<Bytes> hash = other.state().tokenHash();
      if (hash.isPresent() && revoked.test(hash.get().toByteArray())) {
        LOG.info("closing {}: its session was revoked", other.logId());
        other.state().closing();
        end(other, key); // requests it has queued are refused from now on (AUTH_REQUIRED)
        other.close(ErrorCode.SESSION_EXPIRED);
      }
    }
  }

  /** Forgets a closed connection. */
  public void disconnected(ClientConnection connection) {
    connection.state().userKey().ifPresent(key -> end(connection, key));
  }

  private void end(ClientConnection connection, String key) {
    String username = connection.state().username().orElse(key);
    connection.state().logout();
    if (router.remove(key, connection)) {
      notifier.presence(key, username, PresenceStatus.OFFLINE);
    }
  }

  /** A user's registered bundle. */
  public BundleReply bundle(GetBundleRequest request) {
    String key = Usernames.key(request.username());
    UserRow user =
        storage
            .read(c -> users.find(c, key))
            .orElseThrow(() -> RelayException.noSuchUser(request.username()));
    return new BundleReply(request.id(), user.username(), user.bundle());
  }

  /** The registered bundles of the named users who exist, in the order asked. */
  public BundlesReply bundles(GetBundlesRequest request) {
    List<UserBundle> out = new ArrayList<>(request.usernames().size());
    for (String name : request.usernames()) {
      if (Usernames.isValid(name)) {
        storage
            .read(c -> users.find(c, Usernames.key(name)))
            .ifPresent(user -> out.add(new UserBundle(user.username(), user.bundle())));
      }
    }
    return new BundlesReply(request.id(), out);
  }

  /** The name {@code key}'s account was registered with, if there is one. */
  public Optional<String> registeredName(String key) {
    return storage.read(c -> users.find(c, key)).map(UserRow::username);
  }

  /**
   * The registered bundle of a user key, parsed; the bundle was checked when stored. Read from
   * storage on every call, parsed only when it changed.
   */
  public Optional<IdentityBundle> registeredBundle(String key) {
    return registeredKey(key).map(RegisteredKey::bundle);
  }

  /**
   * The registered bundle of a user key with its fingerprint and verifier; read from storage on
   * every call, parsed only when it changed.
   */
  public Optional<RegisteredKey> registeredKey(String key) {
    return storage.read(c -> users.find(c, key)).map(row -> parsedBundles.parse(key, row.bundle()));
  }

  /**
   * Replaces the caller's bundle and, in the same write, their key backup, after checking the
   * account password again (rate-limited and counted like a login failure): a session token alone
   * cannot swap the key. Pushes the key change to everyone who shares a conversation.
   */
  public UpdateBundleReply updateBundle(
      ClientConnection connection, UpdateBundleRequest request, KeyBackupService backups) {
    String key = connection.state().requireUserKey();
    String username = connection.state().requireUsername();
    passwordCheck.require(connection, request.password(), "key change");
    IdentityBundle bundle = parseBundle(request.bundle(), username);
    byte[] encoded = bundle.encode();
    storage.write(
        c -> {
          users.updateBundle(c, key, encoded);
          backups.put(c, key, request.backup(), clock.millis());
          return null;
        });
    fingerprints.forget(key);
    LOG.info("key change for {} to {}", logIds.user(key), bundle.fingerprint().shortForm());
    audit.record(
        connection, AuditType.KEY_CHANGE, username, "new key " + bundle.fingerprint().shortForm());
    notifier.keyChange(key, username, Bytes.of(encoded));
    return new UpdateBundleReply(request.id());
  }
}
