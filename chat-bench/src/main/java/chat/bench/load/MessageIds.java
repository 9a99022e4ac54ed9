package chat.bench.load;

import io.netty.util.collection.LongObjectHashMap;
import io.netty.util.collection.LongObjectMap;

/**
 * Finds which prepared message a delivered envelope is, by the first 8 bytes of its random 128-bit
 * message id. Filled and {@linkplain #publish() published} before the timed phase, then only read,
 * once per delivery: a map keyed by the primitive prefix, so a lookup allocates nothing.
 */
public final class MessageIds {
  private final LongObjectMap<Integer> building = new LongObjectHashMap<>();
  private volatile LongObjectMap<Integer> published = new LongObjectHashMap<>();

  /** Forgets every message. */
  public synchronized void clear() {
    building.clear();
    published = new LongObjectHashMap<>();
  }

  /** Records that the envelope with {@code messageId} is message {@code k}. */
  public synchronized void put(byte[] messageId, int k) {
    if (building.put(prefix(messageId, 0), Integer.valueOf(k)) != null) {
      throw new IllegalStateException("two prepared messages share an id prefix; prepare again");
    }
  }

  /** Makes what was put visible to {@link #find}. */
  public synchronized void publish() {
    LongObjectMap<Integer> copy = new LongObjectHashMap<>();
    copy.putAll(building);
    published = copy;
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
