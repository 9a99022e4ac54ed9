package chat.protocol;

/** Fetches a user's registered identity bundle from the key directory. */
public record GetBundleRequest(String id, String username) implements Request {
  /** Validates the fields. */
  public GetBundleRequest {
    id = RequestIds.require(id, "id");
    username = WireText.require(username, "username", 64);
  }
}
