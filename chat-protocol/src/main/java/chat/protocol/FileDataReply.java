package chat.protocol;

import chat.crypto.Bytes;
import java.util.Objects;

/** Encrypted file bytes starting at {@code offset}, and the file's total encrypted {@code size}. */
public record FileDataReply(String re, String fileId, long offset, Bytes data, long size)
    implements Reply {
  /** Validates the fields. */
  public FileDataReply {
    re = RequestIds.require(re, "re");
    fileId = FileIds.require(fileId);
    FileSizes.requireOffset(offset, "offset");
    Objects.requireNonNull(data, "data");
    if (data.length() < 1 || data.length() > FileSizes.MAX_CHUNK_BYTES) {
      throw new IllegalArgumentException(
          "data must be 1 to " + FileSizes.MAX_CHUNK_BYTES + " bytes");
    }
    FileSizes.requireSize(size, "size");
    if (offset + data.length() > size) {
      throw new IllegalArgumentException("data runs past the end of the file");
    }
  }
}
