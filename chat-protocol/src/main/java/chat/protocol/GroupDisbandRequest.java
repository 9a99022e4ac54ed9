package chat.protocol;

/** Ends a group: removes every member and deletes its stored messages (owner only, wire v2). */
public record GroupDisbandRequest(String id, String room) implements Request {
  /** Validates the fields. */
  public GroupDisbandRequest {
    id = RequestIds.require(id, "id");
    room = ConversationIds.requireRoom(room);
  }
}
