package chat.protocol;

/**
 * Creates a group: an invite-only room whose creator is its owner (wire version 2). Answered with
 * {@link JoinReply}, as the creator joins it at once.
 */
public record GroupCreateRequest(String id, String room) implements Request {
  /** Validates the fields. */
  public GroupCreateRequest {
    id = RequestIds.require(id, "id");
    room = ConversationIds.requireRoom(room);
  }
}
