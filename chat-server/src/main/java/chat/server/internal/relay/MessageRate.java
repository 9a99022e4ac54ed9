package chat.server.internal.relay;

import chat.protocol.ErrorCode;
import chat.server.internal.audit.AuditLog;
import chat.server.internal.audit.AuditThrottle;
import chat.server.internal.audit.AuditType;
import chat.server.internal.auth.TokenBucket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The messages one account may send, over all its connections together ({@code
 * --messages-per-second}, {@code --message-burst}): a token bucket per account, taken before
 * anything of a send is checked or stored, so a refused send ({@code RATE_LIMITED}) may be sent
 * again as it is. The per-connection request limit alone lets an account flood a room from many
 * connections, or from one-shot commands that each start with a full burst. The first refusal of an
 * account in a minute is audited. A bucket that has filled up again holds what a new one would, so
 * the buckets are swept of those now and then (when their number has doubled since the last sweep):
 * the relay keeps one for each account that sent lately, not one for every account that ever sent.
 * {@link PresenceService} counts presence changes with one too. Thread-safe.
 */
final class MessageRate {
  private final int perSecond;
  private final int burst;
  private final LongSupplier nanoTime;

  /** Fewer buckets than this are never swept. */
  static final int SWEEP_FLOOR = 1024;

  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
  private final AtomicInteger sweepAt = new AtomicInteger(SWEEP_FLOOR);
  private final AuditThrottle reports = new AuditThrottle();
  private final AuditLog audit;

  /** What is counted, in the audit entry of a refusal ({@code messages}). */
  private final String counted;

  /** The message of the refusal. */
  private final String refusal;

  MessageRate(int perSecond, int burst, LongSupplier nanoTime, AuditLog audit) {
    this(
        perSecond,
        burst,
        nanoTime,
        audit,
        "messages",
        "not sent: this relay takes "
            + perSecond
            + (perSecond == 1 ? " message" : " messages")
            + " a second from one account ("
            + burst
            + " at once); send it again in a moment");
  }

  /**
   * A rate of something else than messages: {@code counted} names it in the audit entry, {@code
   * refusal} is the message of the refusal.
   */
  MessageRate(
      int perSecond,
      int burst,
      LongSupplier nanoTime,
      AuditLog audit,
      String counted,
      String refusal) {
    if (perSecond < 1 || burst < 1) {
      throw new IllegalArgumentException("the message rate and burst must be positive");
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.nanoTime = nanoTime;
    this.audit = audit;
    this.counted = counted;
    this.refusal = refusal;
  }

  /**
   * Takes one message (or what this rate counts) of {@code userKey}'s allowance.
   *
   * @throws RelayException {@code RATE_LIMITED}, saying the relay's rate, if none is left
   */
  void take(ClientConnection connection, String userKey, String username) {
    long now = nanoTime.getAsLong();
    boolean[] taken = new boolean[1];
    buckets.compute(
        userKey,
        (key, bucket) -> {
          TokenBucket held = bucket != null ? bucket : new TokenBucket(burst, perSecond, now);
          taken[0] = held.tryTake(now);
          return held;
        });
    if (buckets.size() >= sweepAt.get()) {
      sweep(now);
    }
    if (taken[0]) {
      return;
    }
    long held = reports.admit(userKey);
    if (held >= 0) {
      audit.record(
          connection,
          AuditType.RATE_LIMITED,
          username,
          counted
              + " (over "
              + perSecond
              + " a second from this account)"
              + AuditThrottle.refusedSince(held));
    }
    throw new RelayException(ErrorCode.RATE_LIMITED, refusal);
  }

  /**
   * Drops the buckets that are full at {@code now}, then sweeps again only once there are twice as
   * many left (at least {@link #SWEEP_FLOOR}), so that a relay whose accounts all send is not swept
   * on every message. It runs on the thread of the send that found the map at that mark: one pass
   * over the map per doubling. Each bucket is dropped under its key's lock, so a take racing with
   * the sweep either finds it or starts a full one, as it would have been.
   */
  private void sweep(long now) {
    int due = sweepAt.get();
    if (!sweepAt.compareAndSet(due, Integer.MAX_VALUE)) {
      return; // another thread sweeps
    }
    try {
      for (String key : buckets.keySet()) {
        buckets.computeIfPresent(key, (k, bucket) -> bucket.fullAt(now) ? null : bucket);
      }
    } finally {
      sweepAt.set(Math.max(SWEEP_FLOOR, 2 * buckets.size()));
    }
  }

  /** How many accounts' buckets are held: for tests. */
  int held() {
    return buckets.size();
  }
}
