package chat.protocol;

/**
 * Joins a room ({@code #name}), creating it on first join; from wire version 7 also opens again a
 * direct conversation ({@code @a+b}) the caller closed.
 */
public record JoinRequest(String id, String room) implements Request {
  /** Validates the fields. */
  public JoinRequest {
    id = RequestIds.require(id, "id");
    room = ConversationIds.require(room);
  }
}
