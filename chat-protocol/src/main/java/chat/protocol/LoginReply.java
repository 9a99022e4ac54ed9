package chat.protocol;

import java.util.List;
import java.util.Objects;

/**
 * Confirms a login: the session token, its expiry and the caller's conversations with their newest
 * sequence numbers.
 */
public record LoginReply(
    String re,
    String username,
    Secret token,
    long expiresAtMillis,
    List<ConversationState> conversations)
    implements Reply {
  /** Validates the fields. */
  public LoginReply {
    re = RequestIds.require(re, "re");
    username = WireText.require(username, "username", 64);
    Objects.requireNonNull(token, "token");
    conversations = List.copyOf(Objects.requireNonNull(conversations, "conversations"));
  }
}
