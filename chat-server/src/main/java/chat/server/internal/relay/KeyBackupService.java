package chat.server.internal.relay;

import chat.crypto.Bytes;
import chat.crypto.CryptoException;
import chat.protocol.ErrorCode;
import chat.protocol.GetKeyBackupRequest;
import chat.protocol.KeyBackupReply;
import chat.protocol.ProtocolVersions;
import chat.protocol.PutKeyBackupReply;
import chat.protocol.PutKeyBackupRequest;
import chat.server.internal.audit.AuditLog;
import chat.server.internal.audit.AuditThrottle;
import chat.server.internal.audit.AuditType;
import chat.server.internal.storage.AtRestCipher;
import chat.server.internal.storage.KeyBackupRepository;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each account's encrypted key backup: an opaque blob (the client's passphrase-sealed key
 * file) that the relay stores sealed at rest and hands back only to the same logged-in account. The
 * relay cannot open the inner layer. Replacing it needs the account password.
 */
public final class KeyBackupService {
  private static final Logger LOG = LoggerFactory.getLogger(KeyBackupService.class);

  private final LogIds logIds;

  private final Storage storage;
  private final KeyBackupRepository backups;
  private final AtRestCipher cipher;
  private final Clock clock;
  private final PasswordCheck passwordCheck;
  private final AuditLog audit;
  private final AuditThrottle reports = new AuditThrottle();

  /** The service over its collaborators. */
  public KeyBackupService(
      Storage storage,
      KeyBackupRepository backups,
      AtRestCipher cipher,
      Clock clock,
      PasswordCheck passwordCheck,
      AuditLog audit,
      LogIds logIds) {
    this.logIds = logIds;
    this.audit = audit;
    this.passwordCheck = passwordCheck;
    this.storage = storage;
    this.backups = backups;
    this.cipher = cipher;
    this.clock = clock;
  }

  /**
   * Stores the caller's backup durably, replacing any earlier one, after checking the account
   * password again ({@link PasswordCheck}): a session token alone cannot overwrite the backup. A
   * client older than {@link ProtocolVersions#KEY_BACKUP_PASSWORD} sends none; its backup is taken
   * on a connection it logged in to with the password (as it does when it registers), which a token
   * alone cannot do either. A backup stored, or one refused for want of the password, is audited
   * ({@link #record}).
   */
  public PutKeyBackupReply put(ClientConnection connection, PutKeyBackupRequest request) {
    ConnectionState state = connection.state();
    String key = state.requireUserKey();
    String username = state.username().orElse(key);
    if (request.password() != null) {
      passwordCheck.require(connection, request.password(), "key backup");
    } else if (state.version() >= ProtocolVersions.KEY_BACKUP_PASSWORD) {
      record(connection, key, username, "refused: no password", state.version());
      throw new RelayException(ErrorCode.BAD_FRAME, "put_key_backup needs the account password");
    } else if (!state.loggedInByPassword()) {
      record(
          connection, key, username, "refused: no password on a resumed session", state.version());
      throw new RelayException(
          ErrorCode.BAD_FRAME,
          "put_key_backup needs the account password on a connection that resumed a session: log"
              + " in with the password, or update the client");
    }
    byte[] sealed = cipher.seal(request.backup().toByteArray(), KeyBackupRepository.rowId(key));
    long now = clock.millis();
    storage.write(
        c -> {
          backups.put(c, key, sealed, now);
          return null;
        });
    LOG.info("key backup stored for {}", logIds.user(key));
    if (request.password() != null) {
      record(connection, key, username, "stored", -1);
    } else {
      record(connection, key, username, "stored without a password", state.version());
    }
    return new PutKeyBackupReply(request.id());
  }

  /**
   * Audits a backup stored or refused ({@link AuditType#KEY_BACKUP}): {@code what}, then the wire
   * version agreed unless {@code version} is negative. At most one entry per account and outcome a
   * minute ({@link AuditThrottle}), the next one saying how many were held back: an account may
   * send as many as its request rate allows, and the audit queue is shared with everything else.
   */
  private void record(
      ClientConnection connection, String userKey, String username, String what, int version) {
    long held = reports.admit(userKey + "\n" + what);
    if (held < 0) {
      return;
    }
    String detail = version < 0 ? what : what + " (wire version " + version + ")";
    audit.record(connection, AuditType.KEY_BACKUP, username, detail + AuditThrottle.heldBack(held));
  }

  /**
   * Stores {@code backup} as {@code userKey}'s backup inside the caller's write {@code c}, so that
   * it is replaced in one step with whatever else that write changes (the registered key).
   */
  void put(java.sql.Connection c, String userKey, Bytes backup, long now)
      throws java.sql.SQLException {
    backups.put(
        c, userKey, cipher.seal(backup.toByteArray(), KeyBackupRepository.rowId(userKey)), now);
  }

  /** The caller's own backup, or {@link ErrorCode#NO_KEY_BACKUP}. */
  public KeyBackupReply get(ClientConnection connection, GetKeyBackupRequest request) {
    String key = connection.state().requireUserKey();
    Optional<byte[]> sealed = storage.read(c -> backups.find(c, key));
    if (sealed.isEmpty()) {
      throw new RelayException(ErrorCode.NO_KEY_BACKUP);
    }
    try {
      return new KeyBackupReply(
          request.id(), Bytes.of(cipher.open(sealed.get(), KeyBackupRepository.rowId(key))));
    } catch (CryptoException e) {
      LOG.error("key backup of {} does not open under the at-rest keyset", logIds.user(key));
      throw new RelayException(ErrorCode.INTERNAL);
    }
  }
}
