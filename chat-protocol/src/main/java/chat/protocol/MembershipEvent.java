package chat.protocol;

import java.util.Objects;

/** Someone joined or left a room the recipient is in. */
public record MembershipEvent(String conversation, String username, MembershipChange change)
    implements Event {
  /** Validates the fields. */
  public MembershipEvent {
    conversation = ConversationIds.require(conversation);
    username = WireText.require(username, "username", 64);
    Objects.requireNonNull(change, "change");
  }
}
