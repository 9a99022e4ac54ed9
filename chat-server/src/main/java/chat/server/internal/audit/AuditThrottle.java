package chat.server.internal.audit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Lets one report (a log line, an audit row) per key through per interval, so that a flood of
 * refusals from one source is one entry a minute instead of one per refusal; it counts the reports
 * held back so the next one can say how many. Tracks at most a bounded number of keys. Thread-safe.
 */
public final class AuditThrottle {
  /** One report per key per minute: how often refusals of one kind from one source are reported. */
  public static final long DEFAULT_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private static final int MAX_TRACKED_KEYS = 100_000;

  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final Map<Object, Window> windows = new ConcurrentHashMap<>();

  /** When the last report of a key went through, and how many were held back since. */
  private record Window(long lastNanos, long held) {}

  /** One report per key per minute, on the system clock. */
  public AuditThrottle() {
    this(DEFAULT_INTERVAL_NANOS, System::nanoTime);
  }

  /** One report per key per {@code intervalNanos}, on {@code nanoTime}. */
  public AuditThrottle(long intervalNanos, LongSupplier nanoTime) {
    if (intervalNanos < 0) {
      throw new IllegalArgumentException("interval must not be negative");
    }
    this.intervalNanos = intervalNanos;
    this.nanoTime = nanoTime;
  }

  /**
   * Whether a report for {@code key} may go through now: -1 if one went through less than an
   * interval ago (this one is held back and counted), else how many were held back since the last
   * one that went through (0 or more).
   */
  public long admit(Object key) {
    long now = nanoTime.getAsLong();
    if (windows.size() > MAX_TRACKED_KEYS) {
      windows.values().removeIf(w -> now - w.lastNanos() >= intervalNanos);
    }
    long[] result = {-1};
    windows.compute(
        key,
        (k, window) -> {
          if (window == null || now - window.lastNanos() >= intervalNanos) {
            result[0] = window == null ? 0 : window.held();
            return new Window(now, 0);
          }
          return new Window(window.lastNanos(), window.held() + 1);
        });
    return result[0];
  }

  /** Forgets {@code key}: its next report goes through. */
  public void forget(Object key) {
    windows.remove(key);
  }

  /**
   * "; N more refused since the last report" for {@code held} above 0, else "": the suffix of a
   * rate limit's report that {@link #admit} let through.
   */
  public static String refusedSince(long held) {
    return held > 0 ? "; " + held + " more refused since the last report" : "";
  }

  /**
   * " (N more like it since the last one recorded)" for {@code held} above 0, else "": the suffix
   * of a report that {@link #admit} let through.
   */
  public static String heldBack(long held) {
    return held > 0 ? " (" + held + " more like it since the last one recorded)" : "";
  }
}
