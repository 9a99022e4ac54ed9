package chat.bench.load;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;

/**
 * Counts the deliveries of one fan-out run with one clock ({@link System#nanoTime}): when each
 * message was sent, how long each delivery took, which deliveries came twice, and when a message
 * has reached every receiver (which frees its sender's window).
 */
public final class DeliveryTracker {
  private final int offset;
  private final int messages;
  private final int perMessage;
  private final AtomicLongArray sentNanos;
  private final AtomicIntegerArray remaining;
  private final long[][] seen;
  private final IntConsumer completed;
  private final LatencyHistogram latency = new LatencyHistogram();
  private final LongAdder delivered = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder reordered = new LongAdder();
  private final LongAdder unknown = new LongAdder();
  private final AtomicLong firstSend = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong lastDelivery = new AtomicLong(Long.MIN_VALUE);

  /**
   * A tracker for the {@code messages} messages with indexes from {@code offset}, each due at
   * {@code perMessage} of {@code receivers} receivers; {@code completed} is called with a message's
   * index once it has reached all of them.
   */
  public DeliveryTracker(
      int offset, int messages, int receivers, int perMessage, IntConsumer completed) {
    if (offset < 0 || messages < 1 || receivers < 1 || perMessage < 1 || perMessage > receivers) {
      throw new IllegalArgumentException("need messages, receivers, 1 <= perMessage <= receivers");
    }
    this.offset = offset;
    this.messages = messages;
    this.perMessage = perMessage;
    this.sentNanos = new AtomicLongArray(messages);
    this.remaining = new AtomicIntegerArray(messages);
    for (int k = 0; k < messages; k++) {
      remaining.set(k, perMessage);
    }
    this.seen = new long[receivers][(messages + 63) / 64];
    this.completed = completed;
  }

  /** Records that message {@code k} went out at {@code nanos} (its latency origin). */
  public void sent(int k, long nanos) {
    sentNanos.set(k - offset, nanos);
    firstSend.accumulateAndGet(nanos, Math::min);
  }

  /**
   * Records message {@code k} arriving at {@code receiver} at {@code nanos}. A receiver's calls
   * must come from one thread (its event loop); different receivers may race.
   */
  public void delivered(int receiver, int message, long nanos) {
    int k = message - offset;
    if (k < 0 || k >= messages || receiver < 0 || receiver >= seen.length) {
      unknown.increment();
      return;
    }
    long[] row = seen[receiver];
    long bit = 1L << (k & 63);
    if ((row[k >>> 6] & bit) != 0) {
      duplicates.increment();
      return;
    }
    row[k >>> 6] |= bit;
    latency.record(nanos - sentNanos.get(k));
    delivered.increment();
    lastDelivery.accumulateAndGet(nanos, Math::max);
    if (remaining.decrementAndGet(k) == 0) {
      completed.accept(message);
    }
  }

  /**
   * Records a delivery that reached its receiver after a later message of the same conversation (by
   * the server's sequence numbers): the member saw a gap before it came.
   */
  public void reordered() {
    reordered.increment();
  }

  /** Records a delivery that names no message of this run. */
  public void unknown() {
    unknown.increment();
  }

  /** Deliveries expected in all. */
  public long expected() {
    return (long) messages * perMessage;
  }

  /** Distinct deliveries so far. */
  public long delivered() {
    return delivered.sum();
  }

  /** Deliveries that came a second time to the same receiver. */
  public long duplicates() {
    return duplicates.sum();
  }

  /** Deliveries that came after a later message of their conversation. */
  public long reorderedDeliveries() {
    return reordered.sum();
  }

  /** Deliveries of messages this run never sent. */
  public long unknownDeliveries() {
    return unknown.sum();
  }

  /** The latency histogram (send to delivery). */
  public LatencyHistogram latency() {
    return latency;
  }

  /** Nanoseconds from the first send to the last delivery; 0 before any delivery. */
  public long spanNanos() {
    long last = lastDelivery.get();
    long first = firstSend.get();
    return last == Long.MIN_VALUE || first == Long.MAX_VALUE ? 0 : Math.max(1, last - first);
  }
}
