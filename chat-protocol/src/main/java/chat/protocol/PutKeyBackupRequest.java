package chat.protocol;

import chat.crypto.Bytes;
import java.util.Objects;

/**
 * Stores the caller's encrypted key backup on the relay, replacing any earlier one. The backup is
 * the client's key file, sealed under a passphrase the relay never sees; the relay cannot open it.
 * The account password is asked again, so a session token alone, such as one taken from a stolen
 * device, cannot overwrite the backup. A client older than {@link
 * ProtocolVersions#KEY_BACKUP_PASSWORD} sends none ({@code password} null): the relay decides
 * whether that is enough.
 */
public record PutKeyBackupRequest(String id, Secret password, Bytes backup) implements Request {
  /** Largest backup accepted, in bytes. */
  public static final int MAX_BACKUP_BYTES = 16 * 1024;

  /** Validates the fields. */
  public PutKeyBackupRequest {
    id = RequestIds.require(id, "id");
    Objects.requireNonNull(backup, "backup");
    if (backup.length() == 0 || backup.length() > MAX_BACKUP_BYTES) {
      throw new IllegalArgumentException("backup must be 1 to " + MAX_BACKUP_BYTES + " bytes");
    }
  }
}
