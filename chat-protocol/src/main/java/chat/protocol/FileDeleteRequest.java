package chat.protocol;

/**
 * Deletes an upload and its chunks before it expires; only its uploader may. A client sends it when
 * the file it uploaded will not be offered after all (the offer was refused), so the encrypted
 * bytes do not stay on the relay, counted against the uploader's quota, until they expire.
 */
public record FileDeleteRequest(String id, String fileId) implements Request {
  /** Validates the fields. */
  public FileDeleteRequest {
    id = RequestIds.require(id, "id");
    fileId = FileIds.require(fileId);
  }
}
