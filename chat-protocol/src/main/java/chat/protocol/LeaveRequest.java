package chat.protocol;

/**
 * Leaves a room ({@code #name}); from wire version 7 also closes a direct conversation ({@code
 * @a+b}) for the caller.
 */
public record LeaveRequest(String id, String room) implements Request {
  /** Validates the fields. */
  public LeaveRequest {
    id = RequestIds.require(id, "id");
    room = ConversationIds.require(room);
  }
}
