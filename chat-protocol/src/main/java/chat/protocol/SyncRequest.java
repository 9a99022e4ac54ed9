package chat.protocol;

/**
 * Fetches, oldest first, up to {@code limit} messages with a sequence number above the client's
 * cursor {@code since}.
 */
public record SyncRequest(String id, String conversation, long since, int limit)
    implements Request {
  /** Validates the fields. */
  public SyncRequest {
    id = RequestIds.require(id, "id");
    conversation = ConversationIds.require(conversation);
    if (since < 0) {
      throw new IllegalArgumentException("since must be >= 0");
    }
    limit = PageLimits.resolve(limit);
  }
}
