package chat.protocol;

/** Keeps an idle connection open; answered with a pong. */
public record PingRequest(String id) implements Request {
  /** Validates the fields. */
  public PingRequest {
    id = RequestIds.require(id, "id");
  }
}
