package chat.server.internal.relay;

import chat.crypto.Bytes;
import chat.protocol.EndSessionReply;
import chat.protocol.EndSessionRequest;
import chat.protocol.ErrorCode;
import chat.protocol.HostPort;
import chat.protocol.ListSessionsRequest;
import chat.protocol.SessionIds;
import chat.protocol.SessionInfo;
import chat.protocol.SessionsReply;
import chat.protocol.WireText;
import chat.server.internal.audit.AuditLog;
import chat.server.internal.audit.AuditType;
import chat.server.internal.storage.SessionRepository;
import chat.server.internal.storage.SessionRepository.ListedSession;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user's view of their own sessions (their logged-in devices): {@code list_sessions} lists them
 * by {@link SessionIds id}, never by token or token hash, and {@code end_session} ends one of the
 * others, as a logout on that device would, closing its connections with {@link
 * ErrorCode#SESSION_EXPIRED}.
 */
public final class SessionService {
  private static final Logger LOG = LoggerFactory.getLogger(SessionService.class);

  private final Storage storage;
  private final SessionRepository sessions;
  private final AccountService accounts;
  private final Clock clock;
  private final AuditLog audit;
  private final LogIds logIds;

  /** The service over its collaborators; see {@code Relay} for the wiring. */
  public SessionService(
      Storage storage,
      SessionRepository sessions,
      AccountService accounts,
      Clock clock,
      AuditLog audit,
      LogIds logIds) {
    this.storage = storage;
    this.sessions = sessions;
    this.accounts = accounts;
    this.clock = clock;
    this.audit = audit;
    this.logIds = logIds;
  }

  /**
   * The caller's unexpired sessions, most recently used first, at most {@link
   * SessionsReply#MAX_SESSIONS}; the one this connection uses is marked current.
   */
  public SessionsReply list(ClientConnection connection, ListSessionsRequest request) {
    String key = connection.state().requireUserKey();
    Bytes current = connection.state().requireTokenHash();
    long now = clock.millis();
    List<ListedSession> rows =
        storage.read(c -> sessions.listOf(c, key, now, SessionsReply.MAX_SESSIONS));
    List<SessionInfo> out = new ArrayList<>(rows.size());
    for (ListedSession row : rows) {
      byte[] hash = row.tokenHash().toByteArray();
      out.add(
          new SessionInfo(
              SessionIds.of(hash),
              row.createdAtMillis(),
              row.lastUsedAtMillis(),
              shownAddress(row.lastAddress()),
              MessageDigest.isEqual(hash, current.toByteArray())));
    }
    return new SessionsReply(request.id(), out);
  }

  /** An address as the audit log shows it (IPv6 compact), or empty if it would not be wire text. */
  private static String shownAddress(String stored) {
    String shown = HostPort.address(stored);
    return WireText.isValid(shown, SessionInfo.MAX_ADDRESS_CHARS) ? shown : "";
  }

  /**
   * Ends the caller's session with {@code request.session()}: {@link ErrorCode#INVALID_TARGET} for
   * the caller's own (that is what {@code logout} is for), {@link ErrorCode#NO_SUCH_SESSION} if no
   * unexpired session of the account has that id. Deletes its row, then closes its connections.
   */
  public EndSessionReply end(ClientConnection connection, EndSessionRequest request) {
    String key = connection.state().requireUserKey();
    String username = connection.state().username().orElse(key);
    Bytes current = connection.state().requireTokenHash();
    String id = request.session();
    if (SessionIds.of(current.toByteArray()).equals(id)) {
      throw new RelayException(ErrorCode.INVALID_TARGET, "that is this session: log out to end it");
    }
    long now = clock.millis();
    Optional<Bytes> target =
        storage.read(c -> sessions.listOf(c, key, now, Integer.MAX_VALUE)).stream()
            .map(ListedSession::tokenHash)
            .filter(hash -> SessionIds.of(hash.toByteArray()).equals(id))
            .findFirst();
    boolean deleted =
        target.isPresent() && storage.write(c -> sessions.delete(c, target.get().toByteArray()));
    if (!deleted) {
      throw new RelayException(ErrorCode.NO_SUCH_SESSION);
    }
    accounts.closeSession(key, target.get());
    LOG.info("session {} of {} ended from {}", id, logIds.user(key), connection.logId());
    audit.record(connection, AuditType.SESSION_END, username, "ended session " + id);
    return new EndSessionReply(request.id(), id);
  }
}
