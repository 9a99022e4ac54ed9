package chat.protocol;

/**
 * Fetches encrypted file bytes from {@code offset} (any offset below the size) to the end of the
 * stored chunk that holds it. Only current members or parties of the file's conversation may.
 */
public record FileDownloadRequest(String id, String fileId, long offset) implements Request {
  /** Validates the fields. */
  public FileDownloadRequest {
    id = RequestIds.require(id, "id");
    fileId = FileIds.require(fileId);
    FileSizes.requireOffset(offset, "offset");
  }
}
