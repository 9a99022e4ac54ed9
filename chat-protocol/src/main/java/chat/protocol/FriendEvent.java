package chat.protocol;

import java.util.Objects;

/** A friend request, answer or removal that concerns the recipient (wire version 2). */
public record FriendEvent(String username, FriendChange change) implements Event {
  /** Validates the fields. */
  public FriendEvent {
    username = WireText.require(username, "username", 64);
    Objects.requireNonNull(change, "change");
  }
}
