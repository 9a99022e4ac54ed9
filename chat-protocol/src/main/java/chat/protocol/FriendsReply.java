package chat.protocol;

import java.util.List;
import java.util.Objects;

/** The caller's friends and pending requests, by username. */
public record FriendsReply(String re, List<FriendInfo> friends) implements Reply {
  /** Validates the fields. */
  public FriendsReply {
    re = RequestIds.require(re, "re");
    friends = List.copyOf(Objects.requireNonNull(friends, "friends"));
  }
}
