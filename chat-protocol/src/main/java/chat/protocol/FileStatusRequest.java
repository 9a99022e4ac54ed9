package chat.protocol;

/** Asks about one file: for its uploader or a current member of its conversation. */
public record FileStatusRequest(String id, String fileId) implements Request {
  /** Validates the fields. */
  public FileStatusRequest {
    id = RequestIds.require(id, "id");
    fileId = FileIds.require(fileId);
  }
}
