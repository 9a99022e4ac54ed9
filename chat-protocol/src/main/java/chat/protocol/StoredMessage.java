package chat.protocol;

import chat.crypto.Bytes;
import java.util.Objects;

/**
 * A stored message as one recipient sees it: sequence number, store time and the per-recipient
 * envelope.
 */
public record StoredMessage(long seq, long storedAtMillis, Bytes envelope) {
  /** Validates the fields. */
  public StoredMessage {
    if (seq < 1) {
      throw new IllegalArgumentException("seq must be >= 1");
    }
    Objects.requireNonNull(envelope, "envelope");
  }
}
