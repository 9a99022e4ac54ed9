package chat.cli.client.internal;

import chat.cli.client.LeftOutMessages;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Counts the messages of one conversation left out for good, per sender and reason, so that a
 * history page or a catch-up says so once per sender and reason rather than once per message. Each
 * message, known by its sequence number, is counted once, for the first reason given (a relay that
 * serves the same number twice does not make it two). Not thread-safe.
 */
final class LeftOutTally {
  private final String conversation;
  private final Map<String, Map<LeftOutMessages.Reason, Set<Long>>> bySender = new TreeMap<>();
  private final Set<Long> counted = new HashSet<>();

  LeftOutTally(String conversation) {
    this.conversation = conversation;
  }

  /** Counts message {@code seq} from {@code sender}, left out for {@code reason}. */
  void count(String sender, LeftOutMessages.Reason reason, long seq) {
    if (counted.add(seq)) {
      bySender
          .computeIfAbsent(sender, s -> new TreeMap<>())
          .computeIfAbsent(reason, r -> new TreeSet<>())
          .add(seq);
    }
  }

  /** Counts each message {@code messages} names. */
  void add(LeftOutMessages messages) {
    for (long seq : messages.seqs()) {
      count(messages.sender(), messages.reason(), seq);
    }
  }

  /** Whether nothing was counted. */
  boolean isEmpty() {
    return counted.isEmpty();
  }

  /** What was counted, by sender, then reason. */
  List<LeftOutMessages> messages() {
    List<LeftOutMessages> out = new ArrayList<>();
    bySender.forEach(
        (sender, reasons) ->
            reasons.forEach(
                (reason, seqs) ->
                    out.add(new LeftOutMessages(conversation, sender, reason, List.copyOf(seqs)))));
    return out;
  }
}
