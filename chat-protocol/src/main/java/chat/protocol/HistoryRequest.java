package chat.protocol;

/**
 * Pages backwards through a conversation: up to {@code limit} messages with a sequence number below
 * {@code before} (0 = from the newest).
 */
public record HistoryRequest(String id, String conversation, long before, int limit)
    implements Request {
  /** Validates the fields. */
  public HistoryRequest {
    id = RequestIds.require(id, "id");
    conversation = ConversationIds.require(conversation);
    if (before < 0) {
      throw new IllegalArgumentException("before must be >= 0");
    }
    limit = PageLimits.resolve(limit);
  }
}
