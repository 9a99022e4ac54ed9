package chat.protocol;

/**
 * A conversation the user belongs to and its newest sequence number (0 when empty). With {@code
 * lastId} (wire version 15, absent when the relay holds no message under {@code lastSeq}: none yet,
 * or it was deleted, or removed with a disbanded group), the id of the message the relay holds
 * under that number, so that a client whose cursor is {@code lastSeq} can tell whether it is the
 * message it read there.
 */
public record ConversationState(String conversation, long lastSeq, String lastId) {
  /** Validates the fields. */
  public ConversationState {
    conversation = ConversationIds.require(conversation);
    if (lastSeq < 0) {
      throw new IllegalArgumentException("lastSeq must be >= 0");
    }
    if (lastId != null) {
      MessageIds.require(lastId);
      if (lastSeq == 0) {
        throw new IllegalArgumentException("lastId needs a lastSeq above 0");
      }
    }
  }

  /** A conversation's newest number without the id of its message (wire versions 1 to 14). */
  public ConversationState(String conversation, long lastSeq) {
    this(conversation, lastSeq, null);
  }

  /**
   * This state without {@code lastId}: for a connection older than wire version 15, whose decoder
   * refuses the field, or where the frame has no room for it.
   */
  public ConversationState withoutLastId() {
    return lastId == null ? this : new ConversationState(conversation, lastSeq);
  }
}
