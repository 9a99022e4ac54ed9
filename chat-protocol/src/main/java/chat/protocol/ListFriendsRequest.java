package chat.protocol;

/** Lists the caller's friends and pending friend requests (wire version 2). */
public record ListFriendsRequest(String id) implements Request {
  /** Validates the fields. */
  public ListFriendsRequest {
    id = RequestIds.require(id, "id");
  }
}
