package chat.protocol;

import chat.crypto.Bytes;
import java.util.Objects;

/**
 * A stored message as one recipient sees it: sequence number, store time and the per-recipient
 * envelope; on a connection of wire version 13, an empty envelope stands for a message that was
 * deleted (its number stays taken).
 */
public record StoredMessage(long seq, long storedAtMillis, Bytes envelope) {
  /** Validates the fields. */
  public StoredMessage {
    if (seq < 1) {
      throw new IllegalArgumentException("seq must be >= 1");
    }
    Objects.requireNonNull(envelope, "envelope");
  }

  /** Whether this stands for a deleted message (wire version 13): a number without an envelope. */
  public boolean deleted() {
    return envelope.length() == 0;
  }
}
