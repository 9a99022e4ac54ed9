package chat.protocol;

import java.util.List;
import java.util.Objects;

/**
 * Messages after the client's cursor, oldest first; {@code cursor} is the new cursor and {@code
 * more} says whether to ask again.
 */
public record SyncReply(
    String re, String conversation, List<StoredMessage> messages, long cursor, boolean more)
    implements Reply {
  /** Validates the fields. */
  public SyncReply {
    re = RequestIds.require(re, "re");
    conversation = ConversationIds.require(conversation);
    messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
  }
}
