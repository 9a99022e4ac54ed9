package chat.bench.load;

import java.util.HashMap;
import java.util.Map;

/**
 * Finds which prepared message a delivered envelope is, by the first 8 bytes of its random 128-bit
 * message id. Filled and {@linkplain #publish() published} before the timed phase, then only read.
 */
public final class MessageIds {
  private final Map<Long, Integer> building = new HashMap<>();
  private volatile Map<Long, Integer> published = Map.of();

  /** Forgets every message. */
  public synchronized void clear() {
    building.clear();
    published = Map.of();
  }

  /** Records that the envelope with {@code messageId} is message {@code k}. */
  public synchronized void put(byte[] messageId, int k) {
    if (building.put(prefix(messageId, 0), k) != null) {
      throw new IllegalStateException("two prepared messages share an id prefix; prepare again");
    }
  }

  /** Makes what was put visible to {@link #find}. */
  public synchronized void publish() {
    published = Map.copyOf(building);
  }

  /** The index of the message whose id starts at {@code offset} of {@code bytes}, or -1. */
  public int find(byte[] bytes, int offset) {
    Integer k = published.get(prefix(bytes, offset));
    return k == null ? -1 : k;
  }

  private static long prefix(byte[] bytes, int offset) {
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (bytes[offset + i] & 0xFF);
    }
    return value;
  }
}
