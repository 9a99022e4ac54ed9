package chat.cli.client.internal;

import chat.cli.client.LeftOutMessages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the messages of one conversation left out for good, per sender and reason, so that a
 * history page or a catch-up says so once per sender and reason rather than once per message. Not
 * thread-safe.
 */
final class LeftOutTally {
  private final String conversation;
  private final Map<String, Map<LeftOutMessages.Reason, Integer>> bySender = new TreeMap<>();

  LeftOutTally(String conversation) {
    this.conversation = conversation;
  }

  /** Counts one message from {@code sender} left out for {@code reason}. */
  void count(String sender, LeftOutMessages.Reason reason) {
    add(sender, reason, 1);
  }

  /** Adds what {@code messages} counts. */
  void add(LeftOutMessages messages) {
    add(messages.sender(), messages.reason(), messages.count());
  }

  private void add(String sender, LeftOutMessages.Reason reason, int n) {
    bySender.computeIfAbsent(sender, s -> new TreeMap<>()).merge(reason, n, Integer::sum);
  }

  /** What was counted, by sender, then reason. */
  List<LeftOutMessages> messages() {
    List<LeftOutMessages> out = new ArrayList<>();
    bySender.forEach(
        (sender, reasons) ->
            reasons.forEach(
                (reason, n) -> out.add(new LeftOutMessages(conversation, sender, reason, n))));
    return out;
  }
}
