package chat.cli.client.internal;

import chat.cli.client.HeldMessages;
import chat.cli.client.LeftOutMessages;
import chat.protocol.StoredMessage;
import chat.protocol.Usernames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The messages held because they are signed with a sender's new key that the person has not
 * accepted, filed per sender until {@code /trust} releases them, and how many of them (and of the
 * messages left out for good) the catch-up of each conversation met so far, for the notices it
 * gives when it ends. Deliveries (on the event thread) and history pages (on others) both file
 * here.
 */
final class HeldBook {
  /**
   * One held envelope.
   *
   * @param listed whether a history page held it: then it is shown when released even if it was
   *     accepted before, since the page the person saw left it out
   */
  record Held(String conversation, StoredMessage stored, boolean listed) {}

  private final Map<String, List<Held>> bySender = new HashMap<>();
  private final Map<String, Map<String, List<Long>>> inCatchUp = new HashMap<>();
  private final Map<String, LeftOutTally> leftOutInCatchUp = new HashMap<>();

  /**
   * Files {@code message} for {@code sender} unless the same envelope is held in that conversation
   * already; returns whether it was filed.
   */
  synchronized boolean file(String sender, Held message) {
    List<Held> waiting = bySender.computeIfAbsent(Usernames.key(sender), k -> new ArrayList<>());
    for (Held earlier : waiting) {
      if (earlier.conversation().equals(message.conversation())
          && earlier.stored().equals(message.stored())) {
        return false;
      }
    }
    waiting.add(message);
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

  /** Takes the messages held for {@code sender}, by conversation and in the order stored. */
  synchronized List<Held> release(String sender) {
    List<Held> waiting = bySender.remove(Usernames.key(sender));
    if (waiting == null) {
      return List.of();
    }
    waiting.sort(Comparator.comparing(Held::conversation).thenComparingLong(h -> h.stored().seq()));
    return waiting;
  }
}
