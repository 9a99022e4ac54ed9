package chat.protocol;

import java.util.List;
import java.util.Objects;

/**
 * One page of history, oldest first; {@code nextBefore} continues backwards while {@code more} is
 * true.
 */
public record HistoryReply(
    String re, String conversation, List<StoredMessage> messages, long nextBefore, boolean more)
    implements Reply {
  /** Validates the fields. */
  public HistoryReply {
    re = RequestIds.require(re, "re");
    conversation = ConversationIds.require(conversation);
    messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
  }
}
