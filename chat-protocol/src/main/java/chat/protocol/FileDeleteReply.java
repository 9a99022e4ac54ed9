package chat.protocol;

/** Confirms that the upload {@code fileId} and its chunks are deleted. */
public record FileDeleteReply(String re, String fileId) implements Reply {
  /** Validates the fields. */
  public FileDeleteReply {
    re = RequestIds.require(re, "re");
    fileId = FileIds.require(fileId);
  }
}
