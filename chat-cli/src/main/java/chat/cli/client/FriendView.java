package chat.cli.client;

import java.util.Objects;

/**
 * A friend or a pending request, as {@code /friends} lists it.
 *
 * @param username their username (from the network: display through TerminalSafe)
 * @param friendship friends, or which way a request is pending
 * @param presence their presence; {@link Presence#OFFLINE} unless friends (presence is shared
 *     between friends only)
 */
public record FriendView(String username, Friendship friendship, Presence presence) {
  /** Checks for nulls. */
  public FriendView {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(friendship, "friendship");
    Objects.requireNonNull(presence, "presence");
  }
}
