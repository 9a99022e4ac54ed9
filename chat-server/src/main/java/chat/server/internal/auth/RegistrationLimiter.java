package chat.server.internal.auth;

import java.time.Clock;
import java.time.Duration;

/**
 * Counts registration attempts per remote address (an IPv6 address with the rest of its /64, as the
 * caller keys it) in a sliding window, successful or not, and refuses one past the limit before any
 * check or hashing. A limit of 0 counts nothing and refuses nothing. Thread-safe.
 */
public final class RegistrationLimiter {
  private final Clock clock;
  private final int perAddress;
  private final AttemptWindows attempts;

  /** At most {@code perAddress} attempts (0: no limit) per address per {@code window}. */
  public RegistrationLimiter(Clock clock, Duration window, int perAddress) {
    if (perAddress < 0) {
      throw new IllegalArgumentException("perAddress must be 0 (no limit) or more");
    }
    this.clock = clock;
    this.perAddress = perAddress;
    this.attempts = new AttemptWindows(window.toMillis());
  }

  /**
   * Counts an attempt from {@code address} and returns 0, or, if the address has used up the limit,
   * counts nothing and returns the milliseconds until it may try again (at least 1).
   */
  public synchronized long attempt(String address) {
    if (perAddress == 0) {
      return 0;
    }
    long now = clock.millis();
    long wait = attempts.millisUntilBelow(address, perAddress, now);
    if (wait > 0) {
      return wait;
    }
    attempts.add(address, now);
    return 0;
  }
}
