package chat.server.internal.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts failed logins in a sliding window, per account and per remote address; once either count
 * reaches its limit, further attempts are refused before any password check. Thread-safe.
 */
public final class LoginRateLimiter {
  private static final int MAX_TRACKED_KEYS = 100_000;

  private final Clock clock;
  private final long windowMillis;
  private final int perAccount;
  private final int perAddress;
  private final Map<String, Deque<Long>> failures = new HashMap<>();

  /** A limiter allowing {@code perAccount} / {@code perAddress} failures per {@code window}. */
  public LoginRateLimiter(Clock clock, Duration window, int perAccount, int perAddress) {
    this.clock = clock;
    this.windowMillis = window.toMillis();
    this.perAccount = perAccount;
    this.perAddress = perAddress;
  }

  /** True if another attempt for this account key from this address may be checked. */
  public synchronized boolean allowed(String accountKey, String address) {
    long now = clock.millis();
    return count("u:" + accountKey, now) < perAccount && count("a:" + address, now) < perAddress;
  }

  /** True if another token-based attempt from this address may be checked. */
  public synchronized boolean allowedAddress(String address) {
    return count("a:" + address, clock.millis()) < perAddress;
  }

  /** Records a failed token-based attempt, which has no account. */
  public synchronized void recordAddressFailure(String address) {
    failures.computeIfAbsent("a:" + address, k -> new ArrayDeque<>()).addLast(clock.millis());
  }

  /** Records a failed attempt. */
  public synchronized void recordFailure(String accountKey, String address) {
    long now = clock.millis();
    if (failures.size() > MAX_TRACKED_KEYS) {
      failures.values().removeIf(times -> times.isEmpty() || times.peekLast() < now - windowMillis);
    }
    failures.computeIfAbsent("u:" + accountKey, k -> new ArrayDeque<>()).addLast(now);
    failures.computeIfAbsent("a:" + address, k -> new ArrayDeque<>()).addLast(now);
  }

  /** Forgets the account's failures after a successful login. */
  public synchronized void recordSuccess(String accountKey) {
    failures.remove("u:" + accountKey);
  }

  private int count(String key, long now) {
    Deque<Long> times = failures.get(key);
    if (times == null) {
      return 0;
    }
    while (!times.isEmpty() && times.peekFirst() <= now - windowMillis) {
      times.removeFirst();
    }
    if (times.isEmpty()) {
      failures.remove(key);
      return 0;
    }
    return times.size();
  }
}
