package chat.cli.client.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that keeps the {@code max} entries put or read most recently, forgetting the one put or
 * read longest ago past that: the bound on what a relay can make the client remember. Not
 * thread-safe.
 */
final class Newest<V> extends LinkedHashMap<String, V> {
  private static final long serialVersionUID = 1L;

  private final int max;

  Newest(int max) {
    super(16, 0.75f, true);
    this.max = max;
  }

  @Override
  protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
    return size() > max;
  }
}
