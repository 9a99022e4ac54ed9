package chat.cli.client.internal;

import chat.protocol.StoredMessage;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The envelopes left out for good lately, each known by its conversation, sequence number and
 * SHA-256, so that the very same envelope delivered again (the push of a message that the catch-up
 * it set off fetched first) is not counted a second time, as a copy of a message already shown is
 * dropped silently. Another envelope under the same number is not a copy: it is judged on its own.
 * Holds the last {@link #MAX} only. Thread-safe.
 */
final class LeftOutCopies {
  /** How many are remembered; the oldest is forgotten first. */
  static final int MAX = 1024;

  private final Set<String> keys = new LinkedHashSet<>();

  /** Remembers that {@code stored}, delivered in {@code conversation}, was left out. */
  synchronized void add(String conversation, StoredMessage stored) {
    keys.add(key(conversation, stored));
    Iterator<String> oldest = keys.iterator();
    while (keys.size() > MAX && oldest.hasNext()) {
      oldest.next();
      oldest.remove();
    }
  }

  /** Whether this very envelope was left out in {@code conversation} under the same number. */
  synchronized boolean contains(String conversation, StoredMessage stored) {
    return keys.contains(key(conversation, stored));
  }

  private static String key(String conversation, StoredMessage stored) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(stored.envelope().toByteArray());
      return conversation + "\n" + stored.seq() + "\n" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }
}
