package chat.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;
import java.util.Objects;

/**
 * The caller's friends and pending requests, by username. Before wire version 6 the whole list,
 * ordered friends, outgoing, incoming, then by lowercase username. From version 6 it is one page in
 * order of lowercase usernames: {@code next}, when not null, is the last entry listed and more
 * follow (ask again with {@code after = next}); null (absent on the wire) on the last page and
 * always before version 6.
 */
public record FriendsReply(String re, List<FriendInfo> friends, String next) implements Reply {
  /** Validates the fields. */
  @JsonCreator
  public FriendsReply {
    re = RequestIds.require(re, "re");
    friends = List.copyOf(Objects.requireNonNull(friends, "friends"));
    if (next != null && !Usernames.isValid(next)) {
      throw new IllegalArgumentException("next must be a username");
    }
  }

  /** A complete list, in one reply. */
  public FriendsReply(String re, List<FriendInfo> friends) {
    this(re, friends, null);
  }
}
