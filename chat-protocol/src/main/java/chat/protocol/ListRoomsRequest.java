package chat.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Lists the rooms with their member counts, in byte order of their ids. From wire version 5 the
 * reply is one page: {@code after} (null for the first page, absent on the wire) is the {@link
 * RoomsReply#next()} cursor of the page before, and the page holds the rooms after it.
 */
public record ListRoomsRequest(String id, String after) implements Request {
  /** Validates the fields. */
  @JsonCreator
  public ListRoomsRequest {
    id = RequestIds.require(id, "id");
    after = after == null ? null : ConversationIds.requireRoom(after);
  }

  /** The first page (the whole list before wire version 5). */
  public ListRoomsRequest(String id) {
    this(id, null);
  }
}
