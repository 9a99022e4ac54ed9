package chat.bench.load;

import java.util.function.LongSupplier;

/** Waits until a counter (events received) stops moving: the server has finished a burst. */
final class Quiet {
  private Quiet() {}

  /**
   * Returns once {@code counter} has not changed for {@code quietMillis}, or after {@code
   * limitMillis} in all.
   */
  static void await(LongSupplier counter, long quietMillis, long limitMillis)
      throws InterruptedException {
    long start = System.nanoTime();
    long last = counter.getAsLong();
    long lastChange = System.nanoTime();
    while ((System.nanoTime() - lastChange) / 1_000_000 < quietMillis
        && (System.nanoTime() - start) / 1_000_000 < limitMillis) {
      Thread.sleep(50);
      long now = counter.getAsLong();
      if (now != last) {
        last = now;
        lastChange = System.nanoTime();
      }
    }
  }
}
