package chat.cli.client;

import chat.protocol.Usernames;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Messages left out for good that one notice counts together instead of naming their senders: those
 * from the senders after the first {@link #MAX_NAMED_SENDERS} that notices name one by one. Sender
 * names come from envelopes the relay serves, so a relay could forge any number of them; this keeps
 * what a catch-up or a history page says to a few lines however many it forges.
 *
 * @param conversation {@code #room} or {@code @a+b}
 * @param messages per sender and reason, at least one, each naming a sender (damaged messages name
 *     none and are always said on their own line)
 */
public record LeftOutFromOthers(String conversation, List<LeftOutMessages> messages) {
  /** How many senders the notices of one catch-up, history page or pane name one by one. */
  public static final int MAX_NAMED_SENDERS = 5;

  /** Checks the fields. */
  public LeftOutFromOthers {
    Objects.requireNonNull(conversation, "conversation");
    messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("at least one message");
    }
    for (LeftOutMessages left : messages) {
      if (!left.conversation().equals(conversation)) {
        throw new IllegalArgumentException("messages of another conversation");
      }
      if (left.sender().isEmpty()) {
        throw new IllegalArgumentException("damaged messages are said on their own");
      }
    }
  }

  /**
   * Of {@code leftOut}, one conversation's messages per sender and reason, those to name one notice
   * each, in the order given: the damaged ones, and those of the first {@link #MAX_NAMED_SENDERS}
   * senders (all their reasons).
   */
  public static List<LeftOutMessages> named(List<LeftOutMessages> leftOut) {
    Set<String> first = firstSenders(leftOut);
    return leftOut.stream().filter(left -> isNamed(left, first)).toList();
  }

  /** Of {@code leftOut}, those {@link #named} leaves out, counted together; empty if none. */
  public static Optional<LeftOutFromOthers> others(List<LeftOutMessages> leftOut) {
    Set<String> first = firstSenders(leftOut);
    List<LeftOutMessages> rest = leftOut.stream().filter(left -> !isNamed(left, first)).toList();
    return rest.isEmpty()
        ? Optional.empty()
        : Optional.of(new LeftOutFromOthers(rest.get(0).conversation(), rest));
  }

  /**
   * What to tell the person of {@code leftOut}, one conversation's messages per sender and reason:
   * the notice of each of those {@link #named}, then that of the {@link #others}, if any.
   */
  public static List<String> notices(List<LeftOutMessages> leftOut) {
    List<String> notices = new ArrayList<>();
    named(leftOut).forEach(left -> notices.add(left.notice()));
    others(leftOut).ifPresent(others -> notices.add(others.notice()));
    return notices;
  }

  private static Set<String> firstSenders(List<LeftOutMessages> leftOut) {
    Set<String> first = new LinkedHashSet<>();
    for (LeftOutMessages left : leftOut) {
      if (first.size() == MAX_NAMED_SENDERS) {
        break;
      }
      if (!left.sender().isEmpty()) {
        first.add(Usernames.key(left.sender()));
      }
    }
    return first;
  }

  private static boolean isNamed(LeftOutMessages left, Set<String> first) {
    return left.sender().isEmpty() || first.contains(Usernames.key(left.sender()));
  }

  /** These messages and {@code more}, from a sender not named either. */
  public LeftOutFromOthers with(LeftOutMessages more) {
    List<LeftOutMessages> all = new ArrayList<>(messages.size() + 1);
    LeftOutMessages added = more;
    for (LeftOutMessages left : messages) {
      if (Usernames.key(left.sender()).equals(Usernames.key(more.sender()))
          && left.reason() == more.reason()) {
        added = left.with(more.seqs());
        continue;
      }
      all.add(left);
    }
    all.add(added);
    return new LeftOutFromOthers(conversation, all);
  }

  /** The relay's sequence numbers of the messages, ascending, each once. */
  public List<Long> seqs() {
    TreeSet<Long> all = new TreeSet<>();
    messages.forEach(left -> all.addAll(left.seqs()));
    return List.copyOf(all);
  }

  /** How many messages: the number of distinct {@link #seqs}. */
  public int count() {
    return seqs().size();
  }

  /** How many senders they name (told apart as usernames are, whatever the case). */
  public int senders() {
    return (int) messages.stream().map(left -> Usernames.key(left.sender())).distinct().count();
  }

  /**
   * What the person is told after the notices that name senders, e.g. "and 37 more messages from 12
   * other senders were left out; they are not shown", or "and 1 more message from another sender
   * was left out; it is not shown".
   */
  public String notice() {
    int senders = senders();
    return "and "
        + moreLeftOut(count(), senders == 1 ? "another sender" : senders + " other senders");
  }

  /**
   * The words of every notice that counts messages left out together instead of saying each: "37
   * more messages from 12 other senders were left out; they are not shown", or with no {@code from}
   * (empty) "1 more message was left out; it is not shown".
   *
   * @param count how many messages, at least 1
   * @param from whom they name as their senders, or empty to name none
   */
  public static String moreLeftOut(long count, String from) {
    boolean one = count == 1;
    return count
        + (one ? " more message" : " more messages")
        + (from.isEmpty() ? "" : " from " + from)
        + (one ? " was left out; it is not shown" : " were left out; they are not shown");
  }
}
