package chat.server.internal.relay;

import chat.crypto.Bytes;
import chat.protocol.ChangePasswordReply;
import chat.protocol.ChangePasswordRequest;
import chat.protocol.ErrorCode;
import chat.server.internal.audit.AuditLog;
import chat.server.internal.audit.AuditType;
import chat.server.internal.auth.PasswordHasher;
import chat.server.internal.storage.SessionRepository;
import chat.server.internal.storage.UserRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes a logged-in user's account password ({@code change_password}): the current one is checked
 * as a login checks it ({@link PasswordCheck}), the new one must follow the rule of {@code
 * register}, and every other session of the account is revoked, its connections closed, so that
 * whoever learned the old password and logged in with it is out. The caller's session stays.
 */
public final class PasswordService {
  private static final Logger LOG = LoggerFactory.getLogger(PasswordService.class);

  private final Storage storage;
  private final UserRepository users;
  private final SessionRepository sessions;
  private final PasswordHasher hasher;
  private final PasswordCheck passwordCheck;
  private final AccountService accounts;
  private final AuditLog audit;
  private final LogIds logIds;

  /** The service over its collaborators; see {@code Relay} for the wiring. */
  public PasswordService(
      Storage storage,
      UserRepository users,
      SessionRepository sessions,
      PasswordHasher hasher,
      PasswordCheck passwordCheck,
      AccountService accounts,
      AuditLog audit,
      LogIds logIds) {
    this.storage = storage;
    this.users = users;
    this.sessions = sessions;
    this.hasher = hasher;
    this.passwordCheck = passwordCheck;
    this.accounts = accounts;
    this.audit = audit;
    this.logIds = logIds;
  }

  /** The message of the {@code AUTH_FAILED} a change gets when another one was stored first. */
  static final String CHANGED_MEANWHILE = "the password was changed by another session meanwhile";

  /**
   * Checks the current password ({@code RATE_LIMITED}, {@code AUTH_FAILED}), then the new one
   * ({@code WEAK_PASSWORD}); stores the new hash and deletes the account's other sessions in one
   * write, then closes their connections with {@code SESSION_EXPIRED}. The store is a
   * compare-and-set against the hash the current password was checked against: of two changes that
   * overlap (two devices), the one stored second fails with {@code AUTH_FAILED} ({@link
   * #CHANGED_MEANWHILE}) instead of overwriting the first.
   */
  public ChangePasswordReply change(ClientConnection connection, ChangePasswordRequest request) {
    return store(connection, request.id(), prepare(connection, request));
  }

  /** A change checked and hashed, not stored yet: {@link #change}'s first half. */
  record Prepared(String checkedHash, String newHash) {}

  /** Checks both passwords and hashes the new one (destroying both secrets). */
  Prepared prepare(ClientConnection connection, ChangePasswordRequest request) {
    String checked;
    String hash;
    try {
      checked = passwordCheck.require(connection, request.password(), "password change");
      PasswordCheck.requireAcceptable(request.newPassword());
      hash = hasher.hash(request.newPassword());
    } finally {
      // also when the relay was too busy to hash (HashingBusyException)
      request.newPassword().destroy();
    }
    return new Prepared(checked, hash);
  }

  /**
   * Stores a prepared change if the account's hash is still the one checked, ending the other
   * sessions; else refuses it with {@code AUTH_FAILED}, audited but not counted as a failed login
   * (the password typed was right), and changes nothing.
   */
  ChangePasswordReply store(ClientConnection connection, String requestId, Prepared prepared) {
    String key = connection.state().requireUserKey();
    String username = connection.state().username().orElse(key);
    Bytes kept = connection.state().requireTokenHash();
    int ended =
        storage.write(
            c ->
                users.replacePasswordHash(c, key, prepared.checkedHash(), prepared.newHash())
                    ? sessions.deleteOthers(c, key, kept.toByteArray())
                    : -1);
    if (ended < 0) {
      LOG.info("password change for {} refused: changed meanwhile", logIds.user(key));
      audit.record(connection, AuditType.PASSWORD_CHANGE_FAILED, username, CHANGED_MEANWHILE);
      throw new RelayException(ErrorCode.AUTH_FAILED, CHANGED_MEANWHILE);
    }
    accounts.closeOtherSessions(key, kept);
    String endedText = ended + (ended == 1 ? " other session ended" : " other sessions ended");
    LOG.info("password changed for {}; {}", logIds.user(key), endedText);
    audit.record(connection, AuditType.PASSWORD_CHANGE, username, endedText);
    return new ChangePasswordReply(requestId, ended);
  }
}
