package chat.protocol;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link DeleteMessagesRequest} deleted (wire version 13): the ids of the messages of {@code
 * sender} (the registered username) it deleted in {@code conversation}, newest first; empty when
 * the {@code sender}/{@code count} form found none.
 */
public record DeletedReply(String re, String conversation, String sender, List<String> messageIds)
    implements Reply {
  /** Validates the fields. */
  public DeletedReply {
    re = RequestIds.require(re, "re");
    conversation = ConversationIds.require(conversation);
    sender = WireText.require(sender, "sender", 64);
    messageIds = List.copyOf(Objects.requireNonNull(messageIds, "messageIds"));
    if (messageIds.size() > DeleteMessagesRequest.MAX_MESSAGES) {
      throw new IllegalArgumentException(
          "at most " + DeleteMessagesRequest.MAX_MESSAGES + " message ids");
    }
    messageIds.forEach(MessageIds::require);
  }
}
