package chat.cli.client;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The relay's sequence numbers of the messages a report names ({@link HeldMessages}, {@link
 * LeftOutMessages}), so that a front end told of the same message twice counts it once.
 */
final class SequenceNumbers {
  private SequenceNumbers() {}

  /**
   * {@code seqs} in ascending order without repeats.
   *
   * @throws IllegalArgumentException if there are none, or one is below 1
   */
  static List<Long> distinct(Collection<Long> seqs) {
    TreeSet<Long> sorted = new TreeSet<>(Objects.requireNonNull(seqs, "seqs"));
    if (sorted.isEmpty()) {
      throw new IllegalArgumentException("at least one message");
    }
    if (sorted.first() < 1) {
      throw new IllegalArgumentException("sequence numbers start at 1");
    }
    return List.copyOf(sorted);
  }

  /** The numbers of {@code seqs} and of {@code more}, in ascending order without repeats. */
  static List<Long> union(Collection<Long> seqs, Collection<Long> more) {
    TreeSet<Long> all = new TreeSet<>(seqs);
    all.addAll(Objects.requireNonNull(more, "more"));
    return distinct(all);
  }
}
