package chat.cli.client.internal;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The conversations a live client of a profile listed ({@link ClientState#liveListed()}): a sorted
 * set changed one entry at a time (a relay may announce thousands of joins), written bounded, and
 * merged with the file's as the kept list order is: this process's if it changed it since its last
 * write, else the file's. Not thread-safe: {@link ClientState} guards it.
 */
final class LiveList {
  private final int max;

  /** The conversations, or null when no live client kept them (or the file is older). */
  private TreeSet<String> listed;

  /** Whether this process changed {@link #listed} since its last write. */
  private boolean changed;

  /** A list of at most {@code max} entries on disk, read from {@code stored} (null: none). */
  LiveList(int max, List<String> stored) {
    this.max = max;
    this.listed = read(stored);
  }

  /** The conversations kept, if any were. */
  Optional<Set<String>> get() {
    return listed == null ? Optional.empty() : Optional.of(new HashSet<>(listed));
  }

  /** Keeps {@code conversations}; true if that changed it. */
  boolean set(Collection<String> conversations) {
    TreeSet<String> now = new TreeSet<>(conversations);
    return !now.equals(listed) && changed(now);
  }

  /** Adds {@code conversation}, once a list was kept; true if that changed it. */
  boolean add(String conversation) {
    return listed != null && listed.add(conversation) && changed(listed);
  }

  /** Removes {@code conversation}, once a list was kept; true if that changed it. */
  boolean remove(String conversation) {
    return listed != null && listed.remove(conversation) && changed(listed);
  }

  private boolean changed(TreeSet<String> now) {
    listed = now;
    changed = true;
    return true;
  }

  /** Takes {@code stored}, the file's list, unless this process changed its own since a write. */
  void merge(List<String> stored) {
    if (!changed) {
      listed = read(stored);
    }
  }

  /** What the file keeps: the first {@link #max} in order, or null when none was kept. */
  List<String> written() {
    return listed == null ? null : listed.stream().limit(max).toList();
  }

  /** The list was written. */
  void saved() {
    changed = false;
  }

  private TreeSet<String> read(List<String> stored) {
    if (stored == null) {
      return null;
    }
    TreeSet<String> out = new TreeSet<>();
    stored.stream().filter(Objects::nonNull).limit(max).forEach(out::add);
    return out;
  }
}
