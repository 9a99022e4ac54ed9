package chat.protocol;

/** Confirms a leave (or, from wire version 7, the closing of a direct conversation). */
public record LeaveReply(String re, String conversation) implements Reply {
  /** Validates the fields. */
  public LeaveReply {
    re = RequestIds.require(re, "re");
    conversation = ConversationIds.require(conversation);
  }
}
