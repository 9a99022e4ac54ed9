package chat.protocol;

/** Confirms a complete upload of {@code size} bytes, kept until {@code expiresAtMillis}. */
public record FileFinishReply(String re, String fileId, long size, long expiresAtMillis)
    implements Reply {
  /** Validates the fields. */
  public FileFinishReply {
    re = RequestIds.require(re, "re");
    fileId = FileIds.require(fileId);
    FileSizes.requireSize(size, "size");
  }
}
