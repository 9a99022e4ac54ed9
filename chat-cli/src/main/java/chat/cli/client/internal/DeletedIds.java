package chat.cli.client.internal;

import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The messages deleted lately, each known by its conversation and id, so that one whose push was
 * still on its way when the relay announced its deletion is not shown after it. Holds the last
 * {@link #MAX} only; the relay's history no longer has any of them. Thread-safe.
 */
final class DeletedIds {
  /** How many are remembered; the oldest is forgotten first. */
  static final int MAX = 4096;

  private final Set<String> keys = new LinkedHashSet<>();

  /** Remembers that messages {@code messageIds} of {@code conversation} were deleted. */
  synchronized void add(String conversation, Collection<String> messageIds) {
    for (String id : messageIds) {
      keys.add(conversation + "\n" + id);
    }
    Iterator<String> oldest = keys.iterator();
    while (keys.size() > MAX && oldest.hasNext()) {
      oldest.next();
      oldest.remove();
    }
  }

  /** Whether message {@code messageId} of {@code conversation} was deleted lately. */
  synchronized boolean contains(String conversation, String messageId) {
    return keys.contains(conversation + "\n" + messageId);
  }
}
