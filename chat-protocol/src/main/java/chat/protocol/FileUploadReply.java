package chat.protocol;

/**
 * Where an upload stands: {@code received} bytes are durably stored; every chunk but the last must
 * be exactly {@code chunkBytes} long; the relay deletes the file at {@code expiresAtMillis}.
 */
public record FileUploadReply(
    String re, String fileId, long received, int chunkBytes, long expiresAtMillis)
    implements Reply {
  /** Validates the fields. */
  public FileUploadReply {
    re = RequestIds.require(re, "re");
    fileId = FileIds.require(fileId);
    FileSizes.requireOffset(received, "received");
    if (chunkBytes < 1 || chunkBytes > FileSizes.MAX_CHUNK_BYTES) {
      throw new IllegalArgumentException("chunkBytes must be 1 to " + FileSizes.MAX_CHUNK_BYTES);
    }
  }
}
