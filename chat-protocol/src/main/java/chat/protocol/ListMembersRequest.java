package chat.protocol;

/** Lists the members of a room or the two parties of a direct conversation. */
public record ListMembersRequest(String id, String conversation) implements Request {
  /** Validates the fields. */
  public ListMembersRequest {
    id = RequestIds.require(id, "id");
    conversation = ConversationIds.require(conversation);
  }
}
