package chat.protocol;

/** Marks an upload complete once every byte arrived; only then may members download it. */
public record FileFinishRequest(String id, String fileId) implements Request {
  /** Validates the fields. */
  public FileFinishRequest {
    id = RequestIds.require(id, "id");
    fileId = FileIds.require(fileId);
  }
}
