package chat.protocol;

/** Acknowledges a send: the envelope is durably stored under this sequence number. */
public record SendReply(String re, String conversation, long seq, String messageId)
    implements Reply {
  /** Validates the fields. */
  public SendReply {
    re = RequestIds.require(re, "re");
    conversation = ConversationIds.require(conversation);
    if (seq < 1) {
      throw new IllegalArgumentException("seq must be >= 1");
    }
    messageId = WireText.require(messageId, "messageId", 32);
  }
}
