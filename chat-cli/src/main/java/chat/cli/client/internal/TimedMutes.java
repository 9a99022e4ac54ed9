package chat.cli.client.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This user's timed mutes, by group, with when each ends. The relay says when a mute starts and
 * when it is lifted, but not when a timed one ends by itself; the client says that from this map
 * ({@link SessionManager}'s timer, by this machine's clock). Thread-safe.
 */
final class TimedMutes {
  /**
   * The most mutes kept: far more groups than a person is muted in at once; a relay naming more (as
   * a hostile one could, each with an end far ahead) finds the rest not kept.
   */
  static final int MAX = 1024;

  private final Map<String, Instant> ends = new ConcurrentHashMap<>();

  /**
   * The end said last in each group: a relay whose clock is behind this one's may remind of that
   * mute after a reconnect, and its end is not said twice.
   */
  private final Map<String, Instant> endsSaid = new ConcurrentHashMap<>();

  /** This user was muted in {@code group} until {@code until}; null for a mute until lifted. */
  void muted(String group, Instant until) {
    if (until == null) {
      ends.remove(group);
    } else if (!until.equals(endsSaid.get(group))
        && (ends.size() < MAX || ends.containsKey(group))) {
      ends.put(group, until);
    }
  }

  /** This user's mute in {@code group} was lifted, or they are out of it, or it is gone. */
  void cleared(String group) {
    ends.remove(group);
    endsSaid.remove(group);
  }

  /** Whether a mute has ended by {@code now}: cheap, for the timer's every tick. */
  boolean anyEnded(Instant now) {
    for (Instant until : ends.values()) {
      if (!until.isAfter(now)) {
        return true;
      }
    }
    return false;
  }

  /** The groups whose mute has ended by {@code now}, each forgotten here as it is returned. */
  List<String> ended(Instant now) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Instant> entry : ends.entrySet()) {
      if (!entry.getValue().isAfter(now) && ends.remove(entry.getKey(), entry.getValue())) {
        out.add(entry.getKey());
        if (endsSaid.size() < MAX || endsSaid.containsKey(entry.getKey())) {
          endsSaid.put(entry.getKey(), entry.getValue());
        }
      }
    }
    out.sort(null);
    return out;
  }
}
