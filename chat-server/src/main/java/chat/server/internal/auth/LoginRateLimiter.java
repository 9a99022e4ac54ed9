package chat.server.internal.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Counts failed logins in a sliding window, per account and per remote address (an IPv6 address
 * with the rest of its /64, as the caller keys it); once either count reaches its limit, further
 * attempts are refused before any password check. {@link #check} counts a guess as a failure
 * <em>before</em> checking it and refunds it if the password was right, so that however many
 * guesses arrive at once, no more than the limit are ever checked. Thread-safe.
 */
public final class LoginRateLimiter {
  private final Clock clock;
  private final int perAccount;
  private final int perAddress;
  private final AttemptWindows failures;

  private final String lockedMessage;

  /** What to tell a login refused as {@link Outcome#LIMITED}: why, and how long it may last. */
  public String lockedMessage() {
    return lockedMessage;
  }

  /** What {@link #check} found. */
  public enum Outcome {
    /** The account or the address is locked: the password was not checked. */
    LIMITED,
    /** The password was checked and is wrong; the failure counts. */
    WRONG,
    /** The password was checked and is right; the account's failures are forgotten. */
    RIGHT
  }

  /** A limiter allowing {@code perAccount} / {@code perAddress} failures per {@code window}. */
  public LoginRateLimiter(Clock clock, Duration window, int perAccount, int perAddress) {
    long minutes = Math.max(1, (window.toSeconds() + 59) / 60);
    this.lockedMessage =
        "too many wrong passwords for this account or from this address; try again in up to "
            + minutes
            + (minutes == 1 ? " minute" : " minutes");
    this.clock = clock;
    this.failures = new AttemptWindows(window.toMillis());
    this.perAccount = perAccount;
    this.perAddress = perAddress;
  }

  /**
   * Checks a password guess for {@code accountKey} from {@code address} under the limits: reserves
   * the attempt as a failure of both, then runs {@code verify} (the bcrypt check, true if the
   * password is right) outside the lock. A right password refunds the reservation and forgets the
   * account's failures; a {@code verify} that throws (e.g. {@link HashingBusyException}) refunds it
   * and rethrows, since nothing was checked.
   */
  public Outcome check(String accountKey, String address, BooleanSupplier verify) {
    long reservedAt;
    synchronized (this) {
      reservedAt = clock.millis();
      if (failures.count("u:" + accountKey, reservedAt) >= perAccount
          || failures.count("a:" + address, reservedAt) >= perAddress) {
        return Outcome.LIMITED;
      }
      failures.add("u:" + accountKey, reservedAt);
      failures.add("a:" + address, reservedAt);
    }
    boolean right;
    try {
      right = verify.getAsBoolean();
    } catch (RuntimeException | Error e) {
      refund(accountKey, address, reservedAt);
      throw e;
    }
    if (!right) {
      return Outcome.WRONG;
    }
    synchronized (this) {
      failures.remove("a:" + address, reservedAt);
      failures.clear("u:" + accountKey);
    }
    return Outcome.RIGHT;
  }

  private synchronized void refund(String accountKey, String address, long reservedAt) {
    failures.remove("u:" + accountKey, reservedAt);
    failures.remove("a:" + address, reservedAt);
  }

  /** True if another token-based attempt from this address may be checked. */
  public synchronized boolean allowedAddress(String address) {
    return failures.count("a:" + address, clock.millis()) < perAddress;
  }

  /** Records a failed token-based attempt, which has no account. */
  public synchronized void recordAddressFailure(String address) {
    failures.add("a:" + address, clock.millis());
  }
}
