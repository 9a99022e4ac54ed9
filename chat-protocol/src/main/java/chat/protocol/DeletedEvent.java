package chat.protocol;

import java.util.List;
import java.util.Objects;

/**
 * Messages of {@code sender} deleted from {@code conversation} by {@code actor} (the sender, or a
 * group's owner or admin), sent to the conversation's members (wire version 13): a client stops
 * showing them. Their ids are listed newest first, at least one.
 */
public record DeletedEvent(
    String conversation, String actor, String sender, List<String> messageIds) implements Event {
  /** Validates the fields. */
  public DeletedEvent {
    conversation = ConversationIds.require(conversation);
    actor = WireText.require(actor, "actor", 64);
    sender = WireText.require(sender, "sender", 64);
    messageIds = List.copyOf(Objects.requireNonNull(messageIds, "messageIds"));
    if (messageIds.isEmpty() || messageIds.size() > DeleteMessagesRequest.MAX_MESSAGES) {
      throw new IllegalArgumentException(
          "messageIds holds 1 to " + DeleteMessagesRequest.MAX_MESSAGES + " ids");
    }
    messageIds.forEach(MessageIds::require);
  }
}
