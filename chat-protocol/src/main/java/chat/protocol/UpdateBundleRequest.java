package chat.protocol;

import chat.crypto.Bytes;
import java.util.Objects;

/**
 * Replaces the caller's identity bundle and, in the same step, the encrypted key backup that goes
 * with it (a key change pushed to everyone who shares a conversation). The account password is
 * asked again: a session token alone, such as one taken from a stolen device, cannot swap the key.
 */
public record UpdateBundleRequest(String id, Secret password, Bytes bundle, Bytes backup)
    implements Request {
  /** Validates the fields. */
  public UpdateBundleRequest {
    id = RequestIds.require(id, "id");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(backup, "backup");
    if (backup.length() == 0 || backup.length() > PutKeyBackupRequest.MAX_BACKUP_BYTES) {
      throw new IllegalArgumentException(
          "backup must be 1 to " + PutKeyBackupRequest.MAX_BACKUP_BYTES + " bytes");
    }
  }
}
