package chat.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;
import java.util.Objects;

/**
 * One page of a group's bans (wire version 11), in order of the banned users' lowercase usernames:
 * {@code next}, when not null, is the last user listed and more follow (ask again with {@code after
 * = next}); null (absent on the wire) on the last page.
 */
public record BansReply(String re, String room, List<BanInfo> bans, String next) implements Reply {
  /** Most bans in one page. */
  public static final int PAGE = 200;

  /** Validates the fields. */
  @JsonCreator
  public BansReply {
    re = RequestIds.require(re, "re");
    room = ConversationIds.requireRoom(room);
    bans = List.copyOf(Objects.requireNonNull(bans, "bans"));
    if (bans.size() > PAGE) {
      throw new IllegalArgumentException("at most " + PAGE + " bans in one page");
    }
    if (next != null && !Usernames.isValid(next)) {
      throw new IllegalArgumentException("next must be a username");
    }
  }
}
