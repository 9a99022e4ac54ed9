package chat.protocol;

/** Lists every room with its member count. */
public record ListRoomsRequest(String id) implements Request {
  /** Validates the fields. */
  public ListRoomsRequest {
    id = RequestIds.require(id, "id");
  }
}
