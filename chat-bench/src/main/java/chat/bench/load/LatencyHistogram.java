package chat.bench.load;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A thread-safe latency histogram in microseconds: exact below 128 µs, then 64 buckets per power of
 * two (at most 1.6% error), up to about 2^40 µs. Percentiles report the bucket's upper bound, so
 * they never flatter.
 */
public final class LatencyHistogram {
  private static final int EXACT = 128;
  private static final int SUB_BUCKETS = 64;
  private static final int MAX_EXPONENT = 40;

  private final AtomicLongArray counts =
      new AtomicLongArray(EXACT + (MAX_EXPONENT - 6) * SUB_BUCKETS);
  private final AtomicLong total = new AtomicLong();
  private final AtomicLong maxMicros = new AtomicLong();

  /** Records one latency; negative values count as zero. */
  public void record(long nanos) {
    long micros = Math.max(0, nanos / 1000);
    counts.incrementAndGet(index(micros));
    total.incrementAndGet();
    maxMicros.accumulateAndGet(micros, Math::max);
  }

  static int index(long micros) {
    if (micros < EXACT) {
      return (int) micros;
    }
    int exponent = Math.min(63 - Long.numberOfLeadingZeros(micros), MAX_EXPONENT - 1);
    long mantissa = Math.min(micros >>> (exponent - 6), 2L * SUB_BUCKETS - 1);
    return EXACT + (exponent - 7) * SUB_BUCKETS + (int) (mantissa - SUB_BUCKETS);
  }

  static long upperBoundMicros(int index) {
    if (index < EXACT) {
      return index;
    }
    int exponent = (index - EXACT) / SUB_BUCKETS + 7;
    long mantissa = (index - EXACT) % SUB_BUCKETS + SUB_BUCKETS;
    return ((mantissa + 1) << (exponent - 6)) - 1;
  }

  /** How many values were recorded. */
  public long count() {
    return total.get();
  }

  /** The largest value recorded, in microseconds. */
  public long maxMicros() {
    return maxMicros.get();
  }

  /** The value at or below which {@code percent} % of the values lie, in microseconds. */
  public long percentileMicros(double percent) {
    long n = total.get();
    if (n == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(n * percent / 100.0));
    long seen = 0;
    for (int i = 0; i < counts.length(); i++) {
      seen += counts.get(i);
      if (seen >= rank) {
        return Math.min(upperBoundMicros(i), maxMicros.get());
      }
    }
    return maxMicros.get();
  }
}
