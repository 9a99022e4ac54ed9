package chat.protocol;

/**
 * Reports {@code username} to the relay's operator (wire version 17), with the reporter's {@code
 * reason} (1 to {@link ErrorCode#MAX_REASON_CHARS} characters, not blank) and, when given, the
 * {@code conversation} the reporter saw them in (null for none). The relay keeps it in its audit
 * log, where only the operator reads it; the user reported is not told. The answer is {@link
 * ReportedReply}.
 */
public record ReportRequest(String id, String username, String conversation, String reason)
    implements Request {
  /** Validates the fields. */
  public ReportRequest {
    id = RequestIds.require(id, "id");
    username = WireText.require(username, "username", 64);
    if (conversation != null) {
      conversation = ConversationIds.require(conversation);
    }
    reason = WireText.require(reason, "reason", ErrorCode.MAX_REASON_CHARS);
    if (reason.isBlank()) {
      throw new IllegalArgumentException("reason is required");
    }
  }
}
