package chat.protocol;

/** Confirms a leave. */
public record LeaveReply(String re, String conversation) implements Reply {
  /** Validates the fields. */
  public LeaveReply {
    re = RequestIds.require(re, "re");
    conversation = ConversationIds.requireRoom(conversation);
  }
}
