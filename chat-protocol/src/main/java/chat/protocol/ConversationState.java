package chat.protocol;

/** A conversation the user belongs to and its newest sequence number (0 when empty). */
public record ConversationState(String conversation, long lastSeq) {
  /** Validates the fields. */
  public ConversationState {
    conversation = ConversationIds.require(conversation);
    if (lastSeq < 0) {
      throw new IllegalArgumentException("lastSeq must be >= 0");
    }
  }
}
