package chat.protocol;

import java.util.Objects;

/** Adds, accepts, declines or removes a friend (wire version 2). */
public record FriendUpdateRequest(String id, String username, FriendAction action)
    implements Request {
  /** Validates the fields. */
  public FriendUpdateRequest {
    id = RequestIds.require(id, "id");
    username = WireText.require(username, "username", 64);
    Objects.requireNonNull(action, "action");
  }
}
