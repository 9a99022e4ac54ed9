package chat.protocol;

/** Joins a room ({@code #name}), creating it on first join. */
public record JoinRequest(String id, String room) implements Request {
  /** Validates the fields. */
  public JoinRequest {
    id = RequestIds.require(id, "id");
    room = ConversationIds.requireRoom(room);
  }
}
