package chat.cli.client.internal;

import chat.cli.client.HeldMessages;
import chat.cli.client.LeftOutMessages;
import chat.crypto.MalformedDataException;
import chat.crypto.RecipientEnvelope;
import chat.protocol.StoredMessage;
import chat.protocol.Usernames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The messages held because they are signed with a sender's new key that the person has not
 * accepted, filed per sender until {@code /trust} releases them, and how many of them (and of the
 * messages left out for good) the catch-up of each conversation met so far, for the notices it
 * gives when it ends. Deliveries (on the event thread) and history pages (on others) both file
 * here. It keeps at most {@link #MAX_KEPT} envelopes of {@link #MAX_KEPT_BYTES} bytes in all; past
 * that it notes only where more were held.
 */
final class HeldBook {
  /**
   * One held envelope.
   *
   * @param listed whether a history page held it: then it is shown when released even if it was
   *     accepted before, since the page the person saw left it out
   */
  record Held(String conversation, StoredMessage stored, boolean listed) {}

  /**
   * Most bytes of held envelopes kept for all senders together, 32 MiB: a sender whose new key is
   * not accepted (or a relay) could otherwise fill the memory with messages nobody can read yet.
   */
  static final long MAX_KEPT_BYTES = 32L << 20;

  /** Most held envelopes kept for all senders together. */
  static final int MAX_KEPT = 10_000;

  private final Map<String, List<Held>> bySender = new HashMap<>();

  /** Per sender, the conversations where a held message was not kept, being over the limits. */
  private final Map<String, Set<String>> notKept = new HashMap<>();

  private long keptBytes;
  private int kept;
  private final Map<String, Map<String, List<Long>>> inCatchUp = new HashMap<>();
  private final Map<String, LeftOutTally> leftOutInCatchUp = new HashMap<>();

  /**
   * Files {@code message} for {@code sender} unless the same envelope is held in that conversation
   * already; returns whether it was filed. Past {@link #MAX_KEPT} envelopes or {@link
   * #MAX_KEPT_BYTES} bytes held, it is filed without its envelope: only its conversation is noted,
   * for {@link #takeNotKept}, and the relay still has it.
   */
  synchronized boolean file(String sender, Held message) {
    String key = Usernames.key(sender);
    List<Held> waiting = bySender.getOrDefault(key, List.of());
    for (Held earlier : waiting) {
      if (earlier.conversation().equals(message.conversation())
          && earlier.stored().equals(message.stored())) {
        return false;
      }
    }
    long bytes = message.stored().envelope().length();
    if (kept >= MAX_KEPT || keptBytes + bytes > MAX_KEPT_BYTES) {
      notKept.computeIfAbsent(key, k -> new TreeSet<>()).add(message.conversation());
      return true;
    }
    bySender.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
    kept++;
    keptBytes += bytes;
    return true;
  }

  /**
   * Counts message {@code seq} from {@code sender} that the running catch-up of {@code
   * conversation} held.
   */
  synchronized void countInCatchUp(String conversation, String sender, long seq) {
    inCatchUp
        .computeIfAbsent(conversation, k -> new TreeMap<>())
        .computeIfAbsent(sender, k -> new ArrayList<>())
        .add(seq);
  }

  /** What the catch-up of {@code conversation} held, per sender; the call clears it. */
  synchronized List<HeldMessages> takeCatchUp(String conversation) {
    List<HeldMessages> out = new ArrayList<>();
    Map<String, List<Long>> senders = inCatchUp.remove(conversation);
    if (senders != null) {
      senders.forEach((sender, seqs) -> out.add(new HeldMessages(conversation, sender, seqs)));
    }
    return out;
  }

  /**
   * Counts message {@code seq} from {@code sender} (empty for a damaged one) that the running
   * catch-up of {@code conversation} left out for good, for {@code reason}.
   */
  synchronized void countLeftOutInCatchUp(
      String conversation, String sender, LeftOutMessages.Reason reason, long seq) {
    leftOutInCatchUp.computeIfAbsent(conversation, LeftOutTally::new).count(sender, reason, seq);
  }

  /** What the catch-up of {@code conversation} left out, per sender and reason; clears it. */
  synchronized List<LeftOutMessages> takeLeftOutInCatchUp(String conversation) {
    LeftOutTally tally = leftOutInCatchUp.remove(conversation);
    return tally == null ? List.of() : tally.messages();
  }

  /**
   * Drops the messages of {@code sender} held in {@code conversation} whose ids are in {@code
   * deleted}: deleted on the relay, they are not to be shown when the key is accepted.
   */
  synchronized void forget(String sender, String conversation, Set<String> deleted) {
    List<Held> waiting = bySender.get(Usernames.key(sender));
    if (waiting == null) {
      return;
    }
    waiting.removeIf(
        message -> {
          if (!message.conversation().equals(conversation)
              || !deleted.contains(messageId(message.stored()))) {
            return false;
          }
          kept--;
          keptBytes -= message.stored().envelope().length();
          return true;
        });
  }

  /** The id a stored envelope's header carries, or empty if it does not parse. */
  static String messageId(StoredMessage stored) {
    try {
      return RecipientEnvelope.parse(stored.envelope().toByteArray()).header().messageIdHex();
    } catch (MalformedDataException e) {
      return "";
    }
  }

  /** Takes the messages held for {@code sender}, by conversation and in the order stored. */
  synchronized List<Held> release(String sender) {
    List<Held> waiting = bySender.remove(Usernames.key(sender));
    if (waiting == null) {
      return List.of();
    }
    for (Held message : waiting) {
      kept--;
      keptBytes -= message.stored().envelope().length();
    }
    waiting.sort(Comparator.comparing(Held::conversation).thenComparingLong(h -> h.stored().seq()));
    return waiting;
  }

  /**
   * The conversations, in order, where messages held for {@code sender} were not kept ({@link
   * #file}); the call forgets them. Their history, read once the key is accepted, shows them.
   */
  synchronized List<String> takeNotKept(String sender) {
    Set<String> conversations = notKept.remove(Usernames.key(sender));
    return conversations == null ? List.of() : List.copyOf(conversations);
  }

  /**
   * What is said, once a key is accepted, where messages held from {@code username} were more than
   * this client keeps ({@link #MAX_KEPT_BYTES}): they are on the relay, not shown here.
   */
  static String notKeptNotice(String username) {
    return "more messages from "
        + username
        + " were held here than this client keeps in memory ("
        + MAX_KEPT
        + " messages or "
        + (MAX_KEPT_BYTES >> 20)
        + " MiB); the others are not shown: read them in this conversation's history";
  }
}
