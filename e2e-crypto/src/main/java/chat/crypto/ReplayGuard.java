package chat.crypto;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers accepted message ids and refuses one seen before. Bounded: past {@code capacity} ids
 * the oldest are forgotten, so a long-lived client also keeps accepted ids in its own store.
 * Thread-safe.
 */
public final class ReplayGuard {
  private final Map<Bytes, Boolean> seen;

  /** A guard remembering up to {@code capacity} ids. */
  public ReplayGuard(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.seen =
        new LinkedHashMap<>(16, 0.75f, false) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Bytes, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  /**
   * Records {@code messageId} as accepted.
   *
   * @throws ReplayException if it was accepted before
   */
  public synchronized void accept(Bytes messageId) throws ReplayException {
    Objects.requireNonNull(messageId, "messageId");
    if (seen.putIfAbsent(messageId, Boolean.TRUE) != null) {
      throw new ReplayException("message id already accepted");
    }
  }
}
