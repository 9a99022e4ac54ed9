package chat.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Lists who is banned from a group (wire version 11), for its owner and admins, in order of the
 * banned users' lowercase usernames. The reply is one page: {@code after} (null for the first page,
 * absent on the wire) is the {@link BansReply#next()} cursor of the page before, and the page holds
 * the bans after it.
 */
public record ListBansRequest(String id, String room, String after) implements Request {
  /** Validates the fields. */
  @JsonCreator
  public ListBansRequest {
    id = RequestIds.require(id, "id");
    room = ConversationIds.requireRoom(room);
    if (after != null && !Usernames.isValid(after)) {
      throw new IllegalArgumentException("after must be a username");
    }
  }

  /** The first page. */
  public ListBansRequest(String id, String room) {
    this(id, room, null);
  }
}
