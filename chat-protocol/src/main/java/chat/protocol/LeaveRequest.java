package chat.protocol;

/** Leaves a room ({@code #name}). */
public record LeaveRequest(String id, String room) implements Request {
  /** Validates the fields. */
  public LeaveRequest {
    id = RequestIds.require(id, "id");
    room = ConversationIds.requireRoom(room);
  }
}
