package chat.bench.load;

import java.util.Arrays;

/** Order statistics of a set of timings in nanoseconds. */
final class Samples {
  private final long[] sorted;

  Samples(long[] nanos) {
    if (nanos.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    sorted = nanos.clone();
    Arrays.sort(sorted);
  }

  /** The value at or below which {@code percent} % of the samples lie. */
  double percentileMillis(double percent) {
    int rank = (int) Math.ceil(sorted.length * percent / 100.0);
    return sorted[Math.max(0, rank - 1)] / 1e6;
  }

  double medianMillis() {
    return percentileMillis(50);
  }

  double minMillis() {
    return sorted[0] / 1e6;
  }

  double maxMillis() {
    return sorted[sorted.length - 1] / 1e6;
  }

  double meanMillis() {
    return Arrays.stream(sorted).average().orElse(0) / 1e6;
  }

  int count() {
    return sorted.length;
  }
}
