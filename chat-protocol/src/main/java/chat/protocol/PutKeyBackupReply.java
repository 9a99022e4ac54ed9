package chat.protocol;

/** Confirms that the key backup is stored durably. */
public record PutKeyBackupReply(String re) implements Reply {
  /** Validates the fields. */
  public PutKeyBackupReply {
    re = RequestIds.require(re, "re");
  }
}
