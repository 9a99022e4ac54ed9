package chat.server.internal.auth;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The times of recent attempts per key in a sliding window, the counting under {@link
 * LoginRateLimiter} and {@link RegistrationLimiter}. Not thread-safe: its owner synchronizes.
 */
final class AttemptWindows {
  private static final int MAX_TRACKED_KEYS = 100_000;

  private final long windowMillis;
  private final Map<String, Deque<Long>> attempts = new HashMap<>();

  /** Attempts count for {@code windowMillis} after they happen. */
  AttemptWindows(long windowMillis) {
    this.windowMillis = windowMillis;
  }

  /** Attempts of {@code key} in the window ending at {@code now}. */
  int count(String key, long now) {
    Deque<Long> times = attempts.get(key);
    if (times == null) {
      return 0;
    }
    while (!times.isEmpty() && times.peekFirst() <= now - windowMillis) {
      times.removeFirst();
    }
    if (times.isEmpty()) {
      attempts.remove(key);
      return 0;
    }
    return times.size();
  }

  /** Counts an attempt of {@code key} at {@code now}. */
  void add(String key, long now) {
    if (attempts.size() > MAX_TRACKED_KEYS) {
      attempts
          .values()
          .removeIf(times -> times.isEmpty() || times.peekLast() <= now - windowMillis);
    }
    attempts.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(now);
  }

  /** Uncounts one attempt of {@code key} counted at {@code time}, if it still counts. */
  void remove(String key, long time) {
    Deque<Long> times = attempts.get(key);
    if (times != null) {
      times.removeLastOccurrence(time);
      if (times.isEmpty()) {
        attempts.remove(key);
      }
    }
  }

  /** Forgets every attempt of {@code key}. */
  void clear(String key) {
    attempts.remove(key);
  }

  /**
   * Milliseconds from {@code now} until {@code key} has fewer than {@code limit} attempts in the
   * window (0 if it has already).
   */
  long millisUntilBelow(String key, int limit, long now) {
    int count = count(key, now);
    if (count < limit) {
      return 0;
    }
    long freeing = attempts.get(key).stream().skip(count - limit).findFirst().orElse(now);
    return Math.max(0, freeing + windowMillis - now);
  }
}
