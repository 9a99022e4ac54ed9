package chat.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Lists the members of a room or the two parties of a direct conversation, in order of their
 * lowercase usernames. From wire version 5 the reply is one page: {@code after} (null for the first
 * page, absent on the wire) is the {@link MembersReply#next()} cursor of the page before, and the
 * page holds the members after it.
 */
public record ListMembersRequest(String id, String conversation, String after) implements Request {
  /** Validates the fields. */
  @JsonCreator
  public ListMembersRequest {
    id = RequestIds.require(id, "id");
    conversation = ConversationIds.require(conversation);
    if (after != null && !Usernames.isValid(after)) {
      throw new IllegalArgumentException("after must be a username");
    }
  }

  /** The first page (the whole list before wire version 5). */
  public ListMembersRequest(String id, String conversation) {
    this(id, conversation, null);
  }
}
