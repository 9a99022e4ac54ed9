package chat.server.internal.relay;

import chat.crypto.Bytes;
import chat.crypto.Fingerprint;
import chat.crypto.RecipientEntry;
import chat.crypto.RecipientForms;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-recipient forms of stored messages that history or sync pages have read, kept for their
 * next readers. A page that finds a message here gives its reader that reader's form without
 * reading the stored envelope, opening its at-rest layer, parsing it and hashing all its recipient
 * entries again: in a 1,000-member room that was 1.8 ms of the relay's CPU per message and reader
 * (docs/PERFORMANCE.md, "History fetch in a 1,000-member room"). A message's forms are laid out
 * once, on its first read, for all its recipients, so the fan-out of a send, which has its own, is
 * not touched.
 *
 * <p>Bounded by the bytes kept, each message's forms and bookkeeping; the least recently used go
 * first. A kept message serves a row only if the row carries the message id it was kept for: the
 * store never numbers two messages of a conversation alike, and this makes sure of it. Thread-safe.
 */
final class KeptForms {
  /** What a reader gets from a kept message: its form, or null if it is not a recipient. */
  record Found(Bytes form) {}

  private record Key(String conversation, long seq) {}

  /**
   * What a kept message's bookkeeping is counted as per recipient entry, beside its forms' bytes:
   * the index's node, its boxed number and its share of the table (the user ids are the parsed
   * envelope's, which the forms do not keep, and are counted here too).
   */
  static final long BYTES_PER_ENTRY = 128;

  /**
   * One stored message's forms, laid out for all its recipients, and which one each reader gets:
   * the form of the reader's entry with its registered key, or, if it has none with that key, the
   * first of its entries in canonical order. A user is listed with several keys only by a sender
   * that chose to; the relay accepts it (the signature covers every entry).
   */
  static final class Message {
    private final Bytes messageId;
    private final RecipientForms forms;

    /** Each recipient's first entry. */
    private final Map<String, Integer> firstEntry;

    /**
     * For each user listed with several keys, the fingerprints of its entries from its first on;
     * empty for almost every message.
     */
    private final Map<String, Fingerprint[]> severalKeys;

    private final long bytes;

    /**
     * The forms of the message stored under {@code messageId} with recipient {@code entries}, in
     * the canonical order of a parsed envelope (form {@code i} is entry {@code i}'s).
     */
    Message(Bytes messageId, RecipientForms forms, List<RecipientEntry> entries) {
      this.messageId = messageId;
      this.forms = forms;
      int size = entries.size();
      firstEntry = new HashMap<>(size * 2);
      Map<String, Fingerprint[]> several = Map.of();
      // In canonical order (Envelope checks it) a user's entries follow one another.
      for (int first = 0, end; first < size; first = end) {
        String userId = entries.get(first).recipient().userId();
        end = first + 1;
        while (end < size && entries.get(end).recipient().userId().equals(userId)) {
          end++;
        }
        firstEntry.put(userId, first);
        if (end - first > 1) {
          Fingerprint[] keys = new Fingerprint[end - first];
          for (int k = 0; k < keys.length; k++) {
            keys[k] = entries.get(first + k).recipient().keyFingerprint();
          }
          if (several.isEmpty()) {
            several = new HashMap<>();
          }
          several.put(userId, keys);
        }
      }
      severalKeys = several;
      bytes = forms.retainedBytes() + BYTES_PER_ENTRY * size;
    }

    /** The bytes this message's forms and bookkeeping are counted as. */
    long bytes() {
      return bytes;
    }

    /**
     * The form for {@code userId}, whose registered key is {@code key} (null if unknown), or null
     * if it is not a recipient.
     */
    Bytes formFor(String userId, Fingerprint key) {
      Integer first = firstEntry.get(userId);
      if (first == null) {
        return null;
      }
      Fingerprint[] keys = severalKeys.get(userId);
      if (keys != null && key != null) {
        for (int k = 0; k < keys.length; k++) {
          if (keys[k].equals(key)) {
            return forms.form(first + k);
          }
        }
      }
      return forms.form(first);
    }
  }

  private final long maxBytes;
  private final Map<Key, Message> kept = new LinkedHashMap<>(64, 0.75f, true);
  private long bytes;

  /** Keeps at most {@code maxBytes} (0: nothing). */
  KeptForms(long maxBytes) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must be 0 or more");
    }
    this.maxBytes = maxBytes;
  }

  /**
   * The form of message {@code seq} of {@code conversation} for {@code userId}, whose registered
   * key is {@code key} (null if unknown), if that message is kept under {@code messageId}; a null
   * form if {@code userId} is not one of its recipients (see {@link Message}). Null if not kept.
   */
  Found formFor(String conversation, long seq, Bytes messageId, String userId, Fingerprint key) {
    Message message;
    synchronized (this) {
      message = kept.get(new Key(conversation, seq));
    }
    if (message == null || !message.messageId.equals(messageId)) {
      return null;
    }
    return new Found(message.formFor(userId, key));
  }

  /**
   * Keeps {@code message}, stored as message {@code seq} of {@code conversation}, unless it is kept
   * already or would not fit at all.
   */
  void keep(String conversation, long seq, Message message) {
    if (message.bytes() > maxBytes) {
      return;
    }
    Key key = new Key(conversation, seq);
    synchronized (this) {
      Message old = kept.get(key);
      if (old != null && old.messageId.equals(message.messageId)) {
        return; // another reader kept it meanwhile
      }
      kept.put(key, message);
      bytes += message.bytes() - (old == null ? 0 : old.bytes());
      Iterator<Message> eldest = kept.values().iterator();
      while (bytes > maxBytes && eldest.hasNext()) {
        bytes -= eldest.next().bytes();
        eldest.remove();
      }
    }
  }

  /** The bytes kept now. */
  synchronized long bytesKept() {
    return bytes;
  }
}
