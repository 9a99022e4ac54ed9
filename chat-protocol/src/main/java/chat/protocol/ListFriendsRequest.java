package chat.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Lists the caller's friends and pending friend requests (wire version 2). From wire version 6 the
 * reply is one page, in order of lowercase usernames: {@code after} (null for the first page,
 * absent on the wire) is the {@link FriendsReply#next()} cursor of the page before, and the page
 * holds the entries after it.
 */
public record ListFriendsRequest(String id, String after) implements Request {
  /** Validates the fields. */
  @JsonCreator
  public ListFriendsRequest {
    id = RequestIds.require(id, "id");
    if (after != null && !Usernames.isValid(after)) {
      throw new IllegalArgumentException("after must be a username");
    }
  }

  /** The first page (the whole list before wire version 6). */
  public ListFriendsRequest(String id) {
    this(id, null);
  }
}
