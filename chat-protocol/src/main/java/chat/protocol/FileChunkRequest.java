package chat.protocol;

import chat.crypto.Bytes;
import java.util.Objects;

/**
 * Appends {@code data} to an upload at {@code offset}, which must be exactly the number of bytes
 * the relay holds; acknowledged only once the chunk is durably stored.
 */
public record FileChunkRequest(String id, String fileId, long offset, Bytes data)
    implements Request {
  /** Validates the fields. */
  public FileChunkRequest {
    id = RequestIds.require(id, "id");
    fileId = FileIds.require(fileId);
    FileSizes.requireOffset(offset, "offset");
    Objects.requireNonNull(data, "data");
    if (data.length() < 1 || data.length() > FileSizes.MAX_CHUNK_BYTES) {
      throw new IllegalArgumentException(
          "data must be 1 to " + FileSizes.MAX_CHUNK_BYTES + " bytes");
    }
  }
}
