package chat.cli.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How many notices of messages pushed live and left out for good ({@link
 * ClientListener#onLeftOutPushed}) a front end that prints one line per notice says in a row: in
 * each conversation, the first {@link #MAX_NOTICES} since the person last saw a message there or
 * typed a command; the others are counted, and said together on one line ({@link Unsaid}) before
 * the next message shown there, when the person next types a command, or when the stream ends. A
 * relay pushes what it likes, forged sender names or damaged envelopes one by one; this keeps it
 * from filling the terminal or a script's log with lines it chooses, while no message shown is ever
 * held back and every message left out is counted. Safe for use from any thread.
 */
public final class LiveLeftOutCap {
  /** How many notices of messages left out live a conversation says before counting the others. */
  public static final int MAX_NOTICES = 5;

  /** Per conversation, how many notices were said since the person last saw a message there. */
  private final Map<String, Integer> said = new HashMap<>();

  /** Per conversation, in the order first counted, how many messages were left out unsaid. */
  private final Map<String, Long> unsaid = new LinkedHashMap<>();

  /**
   * Messages of one conversation pushed live and left out for good that were counted instead of
   * said one by one.
   *
   * @param conversation {@code #room} or {@code @a+b}
   * @param count how many, at least 1
   */
  public record Unsaid(String conversation, long count) {
    /** Checks the fields. */
    public Unsaid {
      Objects.requireNonNull(conversation, "conversation");
      if (count < 1) {
        throw new IllegalArgumentException("at least one message");
      }
    }

    /**
     * What the person is told, in the words of the other notices that count messages together
     * ({@link LeftOutFromOthers#moreLeftOut}): "12 more messages were left out; they are not
     * shown".
     */
    public String notice() {
      return LeftOutFromOthers.moreLeftOut(count, "");
    }
  }

  /**
   * Whether to say the notice of {@code left}, pushed live: true for the first {@link #MAX_NOTICES}
   * in its conversation since the person last saw a message there or typed a command; otherwise its
   * messages are counted for the {@link Unsaid} line.
   */
  public synchronized boolean say(LeftOutMessages left) {
    String conversation = left.conversation();
    int before = said.getOrDefault(conversation, 0);
    if (before < MAX_NOTICES) {
      said.put(conversation, before + 1);
      return true;
    }
    unsaid.merge(conversation, (long) left.count(), Long::sum);
    return false;
  }

  /**
   * A message of {@code conversation} is about to be shown: what to say before it of the messages
   * counted there, if any. The count of notices said there starts again.
   */
  public synchronized Optional<Unsaid> beforeMessage(String conversation) {
    said.remove(conversation);
    Long count = unsaid.remove(conversation);
    return count == null ? Optional.empty() : Optional.of(new Unsaid(conversation, count));
  }

  /**
   * The person typed a command, or the stream ends: what to say of the messages counted in every
   * conversation, in the order first counted. The counts of notices said start again.
   */
  public synchronized List<Unsaid> takeAll() {
    List<Unsaid> all = new ArrayList<>(unsaid.size());
    unsaid.forEach((conversation, count) -> all.add(new Unsaid(conversation, count)));
    unsaid.clear();
    said.clear();
    return all;
  }
}
