package chat.protocol;

import chat.crypto.Bytes;
import java.util.Objects;

/**
 * A message pushed to an online recipient: the per-recipient envelope with its sequence number and
 * the relay's store time.
 */
public record MessageEvent(String conversation, long seq, long storedAtMillis, Bytes envelope)
    implements Event {
  /** Validates the fields. */
  public MessageEvent {
    conversation = ConversationIds.require(conversation);
    if (seq < 1) {
      throw new IllegalArgumentException("seq must be >= 1");
    }
    Objects.requireNonNull(envelope, "envelope");
  }
}
