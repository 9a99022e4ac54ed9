package chat.protocol;

/** Asks for the caller's own encrypted key backup (a new machine restoring its identity). */
public record GetKeyBackupRequest(String id) implements Request {
  /** Validates the fields. */
  public GetKeyBackupRequest {
    id = RequestIds.require(id, "id");
  }
}
