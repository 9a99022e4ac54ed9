package chat.protocol;

import java.util.Objects;

/**
 * A friend request, answer or removal that concerns the recipient (wire version 2): {@code
 * username} made {@code change} about the recipient. With {@code own} (wire version 14, true or
 * absent), it is the recipient's own change made on another of their connections: they made {@code
 * change} about {@code username} (sent them a request, accepted or declined theirs, ended the
 * friendship or withdrew their request).
 */
public record FriendEvent(String username, FriendChange change, Boolean own) implements Event {
  /** Validates the fields. */
  public FriendEvent {
    username = WireText.require(username, "username", 64);
    Objects.requireNonNull(change, "change");
    if (own != null && !own) {
      throw new IllegalArgumentException("own is true or absent");
    }
  }

  /** What {@code username} did about the recipient. */
  public FriendEvent(String username, FriendChange change) {
    this(username, change, null);
  }

  /** Whether this is the recipient's own change, made on another of their connections. */
  public boolean ownChange() { // not isOwn(): Jackson would write it as a field
    return own != null;
  }
}
