package chat.server.internal.relay;

import chat.crypto.Bytes;
import chat.crypto.RecipientEntry;
import chat.crypto.RecipientForms;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-member forms of recently stored messages, kept from when each send was checked ({@link
 * chat.crypto.Envelope#verifyForms}), so that a history or sync page can give a reader its form
 * without parsing the stored envelope and hashing all its recipient entries again: in a
 * 1,000-member room that was most of what a history fetch cost the relay (docs/PERFORMANCE.md,
 * "History fetch in a 1,000-member room"). Form {@code i} is byte for byte what the stored
 * envelope's {@code forRecipient} gives.
 *
 * <p>Bounded by the bytes the forms keep; the least recently used go first. A kept message serves a
 * stored row only if the row's envelope carries the message id it was kept for, so a conversation
 * whose numbers start again (a group deleted and made anew) is never given another message's forms.
 * Thread-safe.
 */
final class RecentForms {
  /** What a row's reader gets from a kept message: its form, or null if it is not a recipient. */
  record Found(Bytes form) {}

  private record Key(String conversation, long seq) {}

  private record Kept(Bytes messageId, RecipientForms forms, String[] userIds, long bytes) {}

  /** What a kept message's user ids are counted as, each, beside its forms' bytes. */
  private static final long BYTES_PER_USER_ID = 64;

  private final long maxBytes;
  private final Map<Key, Kept> kept = new LinkedHashMap<>(64, 0.75f, true);
  private long bytes;

  /** Keeps at most {@code maxBytes} of forms (0: none). */
  RecentForms(long maxBytes) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must be 0 or more");
    }
    this.maxBytes = maxBytes;
  }

  /**
   * Keeps the forms of message {@code seq} of {@code conversation}, whose envelope has {@code
   * messageId} and recipient {@code entries} in canonical order (form {@code i} is entry {@code
   * i}'s).
   */
  void keep(
      String conversation,
      long seq,
      Bytes messageId,
      RecipientForms forms,
      List<RecipientEntry> entries) {
    String[] userIds = new String[entries.size()];
    for (int i = 0; i < userIds.length; i++) {
      userIds[i] = entries.get(i).recipient().userId();
    }
    long size = forms.retainedBytes() + BYTES_PER_USER_ID * userIds.length;
    if (size > maxBytes) {
      return;
    }
    synchronized (this) {
      Kept old = kept.put(new Key(conversation, seq), new Kept(messageId, forms, userIds, size));
      if (old != null) {
        bytes -= old.bytes();
      }
      bytes += size;
      Iterator<Kept> eldest = kept.values().iterator();
      while (bytes > maxBytes && eldest.hasNext()) {
        bytes -= eldest.next().bytes();
        eldest.remove();
      }
    }
  }

  /**
   * The form of stored message {@code seq} of {@code conversation} for {@code userId}, if that
   * message is kept and has {@code messageId}: as {@code Envelope.forRecipient(String)} gives it,
   * the form of the first entry with that user id, or a null form if there is none. Null if not
   * kept.
   */
  Found formFor(String conversation, long seq, Bytes messageId, String userId) {
    Kept message;
    synchronized (this) {
      message = kept.get(new Key(conversation, seq));
    }
    if (message == null || !message.messageId().equals(messageId)) {
      return null;
    }
    String[] userIds = message.userIds();
    for (int i = 0; i < userIds.length; i++) {
      if (userIds[i].equals(userId)) {
        return new Found(message.forms().form(i));
      }
    }
    return new Found(null);
  }

  /** The bytes kept now (for tests). */
  synchronized long bytesKept() {
    return bytes;
  }
}
