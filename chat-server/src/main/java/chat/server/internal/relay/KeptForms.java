package chat.server.internal.relay;

import chat.crypto.Bytes;
import chat.crypto.Fingerprint;
import chat.crypto.ReceivedEnvelope;
import chat.crypto.RecipientForms;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * The per-recipient forms of stored messages that history or sync pages have read, kept for their
 * next readers. A page that finds a message here gives its reader that reader's form without
 * reading the stored envelope, opening its at-rest layer, parsing it and hashing all its recipient
 * entries again: in a 1,000-member room that was 1.8 ms of the relay's CPU per message and reader
 * (docs/PERFORMANCE.md, "History fetch in a 1,000-member room"). A message's forms are laid out for
 * all its recipients on its first read by one of them ({@link Pages} decides, and cuts a reader's
 * form alone where keeping would not pay), so the fan-out of a send, which has its own, is not
 * touched. Readers that miss the same message at once each lay it out; the first to keep it wins.
 *
 * <p>Bounded by the bytes kept, each message's forms and bookkeeping (about 0.9 MB a message in a
 * 1,000-member room); the least recently read go first. A kept message serves a row only if the row
 * carries the message id it was kept for: the store never numbers two messages of a conversation
 * alike, and this makes sure of it. Its forms were cut from an envelope that opened under the
 * at-rest layer bound to that row, and are served as they were until they are forgotten, evicted or
 * the relay restarts. Thread-safe.
 */
public final class KeptForms {
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
   * that chose to; the relay accepts it (the signature covers every entry). Immutable.
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
     * The forms of the message stored under {@code messageId} whose envelope is {@code envelope}
     * (form {@code i} is its recipient entry {@code i}'s).
     */
    Message(Bytes messageId, RecipientForms forms, ReceivedEnvelope envelope) {
      this.messageId = Objects.requireNonNull(messageId, "messageId");
      this.forms = Objects.requireNonNull(forms, "forms");
      List<String> entries = envelope.recipientIds();
      int size = entries.size();
      firstEntry = new HashMap<>(size * 2);
      Map<String, Fingerprint[]> several = Map.of();
      // In canonical order (Envelope checks it) a user's entries follow one another.
      for (int first = 0, end; first < size; first = end) {
        String userId = entries.get(first);
        end = endOfRun(entries, first);
        firstEntry.put(userId, first);
        Fingerprint[] keys = keysOfRun(envelope, first, end);
        if (keys != null) {
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
     * The form for {@code userId}, if it is a recipient. {@code registeredKey} gives the
     * fingerprint of its registered key (empty if unknown); it is asked only if this message lists
     * the user with several keys.
     */
    Optional<Bytes> formFor(String userId, Supplier<Optional<Fingerprint>> registeredKey) {
      Integer first = firstEntry.get(userId);
      if (first == null) {
        return Optional.empty();
      }
      return Optional.of(forms.form(chosen(first, severalKeys.get(userId), registeredKey)));
    }
  }

  /**
   * The entry a reader gets of a message that lists it from entry {@code first} on: the one with
   * its registered key among {@code keys} (the fingerprints of its entries from {@code first} on,
   * null if it has one entry), else {@code first}. The key is asked for only if there are several.
   */
  private static int chosen(
      int first, Fingerprint[] keys, Supplier<Optional<Fingerprint>> registeredKey) {
    if (keys != null) {
      Optional<Fingerprint> key = registeredKey.get();
      for (int k = 0; k < keys.length && key.isPresent(); k++) {
        if (keys[k].equals(key.get())) {
          return first + k;
        }
      }
    }
    return first;
  }

  /**
   * The recipient entry of {@code envelope} that {@code userId} gets, as {@link Message#formFor}
   * chooses it, if it is a recipient; without laying out any form.
   */
  static OptionalInt entryFor(
      ReceivedEnvelope envelope, String userId, Supplier<Optional<Fingerprint>> registeredKey) {
    List<String> entries = envelope.recipientIds();
    int first = entries.indexOf(userId);
    if (first < 0) {
      return OptionalInt.empty();
    }
    Fingerprint[] keys = keysOfRun(envelope, first, endOfRun(entries, first));
    return OptionalInt.of(chosen(first, keys, registeredKey));
  }

  /**
   * The end of the run of entries, from {@code first} on, of the same user as entry {@code first}.
   */
  private static int endOfRun(List<String> entries, int first) {
    String userId = entries.get(first);
    int end = first + 1;
    while (end < entries.size() && entries.get(end).equals(userId)) {
      end++;
    }
    return end;
  }

  /**
   * The key fingerprints of entries {@code first} to {@code end - 1}, one user's, or null if that
   * is a single entry.
   */
  private static Fingerprint[] keysOfRun(ReceivedEnvelope envelope, int first, int end) {
    if (end - first == 1) {
      return null;
    }
    Fingerprint[] keys = new Fingerprint[end - first];
    for (int k = 0; k < keys.length; k++) {
      keys[k] = envelope.recipientKey(first + k);
    }
    return keys;
  }

  /**
   * About what {@link Message#bytes} will count for a message whose full envelope is {@code
   * envelopeBytes} long with {@code entries} recipient entries, before its forms are laid out: the
   * envelope's own bytes, and per entry its audit path at its longest and the bookkeeping. A little
   * more than the count, never far from it.
   */
  static long estimatedBytes(long envelopeBytes, int entries) {
    int pathHashes = entries <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(entries - 1L);
    return envelopeBytes + (long) entries * (1 + 32L * pathHashes + BYTES_PER_ENTRY);
  }

  private final long maxBytes;
  private final Map<Key, Message> kept = new LinkedHashMap<>(64, 0.75f, true);
  private long bytes;

  /** Keeps at most {@code maxBytes} (0: nothing). */
  public KeptForms(long maxBytes) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must be 0 or more");
    }
    this.maxBytes = maxBytes;
  }

  /** Keeps at most a sixteenth of the JVM's maximum heap. */
  public static KeptForms sizedToHeap() {
    return new KeptForms(Runtime.getRuntime().maxMemory() / 16);
  }

  /** The most it keeps, in bytes. */
  long maxBytes() {
    return maxBytes;
  }

  /** Message {@code seq} of {@code conversation}, if it is kept under {@code messageId}. */
  Optional<Message> find(String conversation, long seq, Bytes messageId) {
    Message message;
    synchronized (this) {
      message = kept.get(new Key(conversation, seq));
    }
    return message != null && message.messageId.equals(messageId)
        ? Optional.of(message)
        : Optional.empty();
  }

  /**
   * Keeps {@code message}, stored as message {@code seq} of {@code conversation}, unless it would
   * not fit at all or is kept already (another reader kept it meanwhile).
   *
   * @return whether it was added
   */
  boolean keep(String conversation, long seq, Message message) {
    if (message.bytes() > maxBytes) {
      return false;
    }
    Key key = new Key(conversation, seq);
    synchronized (this) {
      Message old = kept.get(key);
      if (old != null && old.messageId.equals(message.messageId)) {
        return false;
      }
      kept.put(key, message);
      bytes += message.bytes() - (old == null ? 0 : old.bytes());
      Iterator<Message> eldest = kept.values().iterator();
      while (bytes > maxBytes && eldest.hasNext()) {
        bytes -= eldest.next().bytes();
        eldest.remove();
      }
      return true;
    }
  }

  /**
   * Forgets the messages of {@code conversation}, once they are deleted from the store. A page that
   * read one of them before the deletion may still keep it; it is then never served (no row refers
   * to it) and goes as the least recently used.
   */
  public synchronized void forget(String conversation) {
    Iterator<Map.Entry<Key, Message>> all = kept.entrySet().iterator();
    while (all.hasNext()) {
      Map.Entry<Key, Message> entry = all.next();
      if (entry.getKey().conversation().equals(conversation)) {
        bytes -= entry.getValue().bytes();
        all.remove();
      }
    }
  }

  /**
   * Forgets messages {@code seqs} of {@code conversation}, once they are deleted from the store; a
   * page that read one before the deletion may still keep it, as for {@link #forget(String)}.
   */
  public synchronized void forget(String conversation, Collection<Long> seqs) {
    for (long seq : seqs) {
      Message gone = kept.remove(new Key(conversation, seq));
      if (gone != null) {
        bytes -= gone.bytes();
      }
    }
  }

  /** The bytes kept now. */
  synchronized long bytesKept() {
    return bytes;
  }
}
