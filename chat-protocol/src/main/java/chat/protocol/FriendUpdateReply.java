package chat.protocol;

import java.util.Objects;

/** Confirms a friend update: the user as registered and where the two now stand. */
public record FriendUpdateReply(String re, String username, FriendState state) implements Reply {
  /** Validates the fields. */
  public FriendUpdateReply {
    re = RequestIds.require(re, "re");
    username = WireText.require(username, "username", 64);
    Objects.requireNonNull(state, "state");
  }
}
