package chat.protocol;

import chat.crypto.Bytes;
import java.util.Objects;

/** Carries the caller's encrypted key backup, exactly as it was stored. */
public record KeyBackupReply(String re, Bytes backup) implements Reply {
  /** Validates the fields. */
  public KeyBackupReply {
    re = RequestIds.require(re, "re");
    Objects.requireNonNull(backup, "backup");
  }
}
