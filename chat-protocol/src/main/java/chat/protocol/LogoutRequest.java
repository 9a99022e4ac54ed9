package chat.protocol;

/** Ends the session and revokes its token. */
public record LogoutRequest(String id) implements Request {
  /** Validates the fields. */
  public LogoutRequest {
    id = RequestIds.require(id, "id");
  }
}
