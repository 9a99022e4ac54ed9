package chat.protocol;

import java.util.List;
import java.util.Objects;

/**
 * Confirms a resumed session: the same fields as a login reply, minus the token the client already
 * holds.
 */
public record ResumeReply(
    String re, String username, long expiresAtMillis, List<ConversationState> conversations)
    implements Reply {
  /** Validates the fields. */
  public ResumeReply {
    re = RequestIds.require(re, "re");
    username = WireText.require(username, "username", 64);
    conversations = List.copyOf(Objects.requireNonNull(conversations, "conversations"));
  }
}
