package chat.protocol;

import java.util.Objects;

/**
 * A friend or a pending request. {@code status} and {@code message} (the away message) are given
 * only for {@link FriendState#FRIENDS}: presence is shared between friends, not with strangers.
 */
public record FriendInfo(
    String username, FriendState state, PresenceStatus status, String message) {
  /** Validates the fields. */
  public FriendInfo {
    username = WireText.require(username, "username", 64);
    Objects.requireNonNull(state, "state");
    if (state == FriendState.NONE) {
      throw new IllegalArgumentException("a listed friend has a state");
    }
    if ((status != null) != (state == FriendState.FRIENDS)) {
      throw new IllegalArgumentException("status is given for friends only");
    }
    message = Presences.requireMessage(status, message);
  }
}
