package chat.bench.load;

import java.util.concurrent.atomic.LongAdder;

/**
 * Where connections report what they receive: the tracker of the current run (none between runs),
 * and counts of unexpected closes and error replies.
 */
public final class Deliveries {
  private volatile DeliveryTracker tracker;
  private final LongAdder disconnects = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder acknowledgements = new LongAdder();
  private final LongAdder otherEvents = new LongAdder();
  private volatile String firstError;

  /** Starts counting into {@code tracker} (or stops, with null). */
  public void track(DeliveryTracker tracker) {
    this.tracker = tracker;
  }

  /** Message {@code k} reached {@code receiver} at {@code nanos}. */
  public void delivered(int receiver, int k, long nanos) {
    DeliveryTracker current = tracker;
    if (current != null) {
      current.delivered(receiver, k, nanos);
    }
  }

  /** A delivery came after a later message of its conversation. */
  public void reordered() {
    DeliveryTracker current = tracker;
    if (current != null) {
      current.reordered();
    }
  }

  /** A delivery that names no known message. */
  public void unknown() {
    DeliveryTracker current = tracker;
    if (current != null) {
      current.unknown();
    }
  }

  /** The server acknowledged a message. */
  public void acknowledged() {
    acknowledgements.increment();
  }

  /** The server sent some other event (presence, membership, ...). */
  public void otherEvent() {
    otherEvents.increment();
  }

  /** The server refused something; {@code detail} is kept for the first one. */
  public void error(String detail) {
    if (firstError == null) {
      firstError = detail;
    }
    errors.increment();
  }

  /** A connection closed that the generator did not close. */
  public void disconnected() {
    disconnects.increment();
  }

  /** Unexpected closes so far. */
  public long disconnects() {
    return disconnects.sum();
  }

  /** Error replies so far. */
  public long errors() {
    return errors.sum();
  }

  /** The first error reply's text, or empty. */
  public String firstError() {
    return firstError == null ? "" : firstError;
  }

  /** Acknowledged messages so far. */
  public long acknowledgements() {
    return acknowledgements.sum();
  }

  /** Other events so far. */
  public long otherEvents() {
    return otherEvents.sum();
  }
}
