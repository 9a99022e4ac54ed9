package chat.cli.client;

import chat.protocol.MessageIds;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the full-screen client's conversation list showed when it was last kept ({@link
 * ChatClient#keepList}), so that the next run shows it again: the order, so that Alt+number means
 * what it meant, and the messages that had come but were not read yet.
 *
 * @param order the conversations, the first one Alt+1's
 * @param unread per conversation with any, the messages come but not read yet
 */
public record KeptList(List<String> order, Map<String, Unread> unread) {
  /** Nothing kept. */
  public static final KeptList NONE = new KeptList(List.of(), Map.of());

  /**
   * The messages of one conversation that came but were not read yet.
   *
   * @param messages how many; a count below 1, which only a damaged file holds, counts none
   * @param loud whether one of them was private or mentioned the user
   * @param ids the ids of those known by one (at most {@link #MAX_IDS}, 32 lowercase hex digits
   *     each; others are dropped), so that a deletion after a restart still takes its message out
   *     of the count; none in a file written before they were kept
   */
  public record Unread(int messages, boolean loud, List<String> ids) {
    /** The most ids kept per conversation. */
    public static final int MAX_IDS = 999;

    /** Keeps the valid ids, the newest {@link #MAX_IDS}; none for null. */
    public Unread {
      List<String> valid =
          ids == null
              ? List.of()
              : ids.stream().filter(id -> id != null && MessageIds.isValid(id)).distinct().toList();
      ids = List.copyOf(valid.subList(Math.max(0, valid.size() - MAX_IDS), valid.size()));
    }

    /** A count without ids. */
    public Unread(int messages, boolean loud) {
      this(messages, loud, List.of());
    }
  }

  /** Copies the order and the counts, the counts sorted by conversation. */
  public KeptList {
    order = List.copyOf(Objects.requireNonNull(order, "order"));
    unread = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(unread, "unread")));
  }
}
