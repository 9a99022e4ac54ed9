package chat.protocol;

/**
 * Acknowledges a send: the envelope is durably stored under this sequence number.
 *
 * @param storedAtMillis the relay's clock when it stored the envelope, the time every member is
 *     shown; null on a connection below {@link ProtocolVersions#STORE_TIME}, where the field is not
 *     sent
 */
public record SendReply(
    String re, String conversation, long seq, String messageId, Long storedAtMillis)
    implements Reply {
  /** Validates the fields. */
  public SendReply {
    re = RequestIds.require(re, "re");
    conversation = ConversationIds.require(conversation);
    if (seq < 1) {
      throw new IllegalArgumentException("seq must be >= 1");
    }
    messageId = WireText.require(messageId, "messageId", 32);
    if (storedAtMillis != null && storedAtMillis < 1) {
      throw new IllegalArgumentException("storedAtMillis must be >= 1");
    }
  }

  /** An acknowledgement without the store time, as versions before 4 carry it. */
  public SendReply(String re, String conversation, long seq, String messageId) {
    this(re, conversation, seq, messageId, null);
  }
}
