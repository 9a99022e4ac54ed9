package chat.protocol;

/** Acknowledges a chunk: {@code received} bytes of the upload are now durably stored. */
public record FileChunkReply(String re, String fileId, long received) implements Reply {
  /** Validates the fields. */
  public FileChunkReply {
    re = RequestIds.require(re, "re");
    fileId = FileIds.require(fileId);
    FileSizes.requireOffset(received, "received");
  }
}
