package chat.server.internal.auth;

/**
 * A token bucket for per-connection request rate limits: {@code capacity} tokens, refilled at
 * {@code perSecond}. Not thread-safe; each connection owns one and uses it on its event loop.
 */
public final class TokenBucket {
  private final double capacity;
  private final double perNano;
  private double tokens;
  private long lastNanos;

  /** A full bucket. */
  public TokenBucket(int capacity, int perSecond, long nowNanos) {
    if (capacity < 1 || perSecond < 1) {
      throw new IllegalArgumentException("capacity and rate must be positive");
    }
    this.capacity = capacity;
    this.perNano = perSecond / 1e9;
    this.tokens = capacity;
    this.lastNanos = nowNanos;
  }

  /**
   * Whether the bucket would be full at {@code nowNanos}: then it holds what a new one does, and
   * whoever keeps buckets by key may drop it.
   */
  public boolean fullAt(long nowNanos) {
    return tokens + (nowNanos - lastNanos) * perNano >= capacity;
  }

  /** Takes one token if available. */
  public boolean tryTake(long nowNanos) {
    tokens = Math.min(capacity, tokens + (nowNanos - lastNanos) * perNano);
    lastNanos = nowNanos;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
