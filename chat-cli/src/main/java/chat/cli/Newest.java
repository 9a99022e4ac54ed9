package chat.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that keeps the {@code max} entries put or read most recently, forgetting the one put or
 * read longest ago past that: the bound on what a relay (or a sender) can make the client remember.
 * Not thread-safe.
 */
public final class Newest<K, V> extends LinkedHashMap<K, V> {
  private static final long serialVersionUID = 1L;

  private final int max;

  /** An empty map that keeps at most {@code max} entries. */
  public Newest(int max) {
    super(16, 0.75f, true);
    this.max = max;
  }

  @Override
  protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
    return size() > max;
  }
}
