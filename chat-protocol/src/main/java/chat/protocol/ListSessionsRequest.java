package chat.protocol;

/** Lists the caller's sessions (its logged-in devices), most recently used first. */
public record ListSessionsRequest(String id) implements Request {
  /** Validates the fields. */
  public ListSessionsRequest {
    id = RequestIds.require(id, "id");
  }
}
