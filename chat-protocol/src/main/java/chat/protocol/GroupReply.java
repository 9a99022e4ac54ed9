package chat.protocol;

/** Confirms a group member action, rename or disband. */
public record GroupReply(String re, String conversation) implements Reply {
  /** Validates the fields. */
  public GroupReply {
    re = RequestIds.require(re, "re");
    conversation = ConversationIds.requireRoom(conversation);
  }
}
