package chat.bench.load;

/**
 * What one fan-out run measured on one target.
 *
 * @param target the system's name
 * @param sent messages sent
 * @param expected deliveries expected (sent times receivers per message)
 * @param delivered distinct deliveries
 * @param duplicates deliveries that came twice to one receiver
 * @param errors error replies and unknown deliveries
 * @param disconnects connections the server closed
 * @param spanSeconds from the first send to the last delivery
 * @param p50Micros median latency, send to delivery
 * @param p99Micros 99th percentile latency
 * @param maxMicros largest latency
 * @param serverCpuSeconds server CPU (user + system) over the timed phase
 * @param serverRssBytes server resident memory after the timed phase
 * @param generatorCpuSeconds the generator's own CPU over the timed phase
 * @param maxSendLagMicros how far behind schedule the generator sent (fixed-rate runs)
 * @param reordered deliveries that reached a member after a later message of the room, by the
 *     server's sequence numbers; -1 where the events carry none (IRC, Redis)
 */
public record FanoutResult(
    String target,
    long sent,
    long expected,
    long delivered,
    long duplicates,
    long errors,
    long disconnects,
    double spanSeconds,
    long p50Micros,
    long p99Micros,
    long maxMicros,
    double serverCpuSeconds,
    long serverRssBytes,
    double generatorCpuSeconds,
    long maxSendLagMicros,
    long reordered) {
  /** Checks the counts. */
  public FanoutResult {
    if (sent < 0 || expected < 0 || delivered < 0 || delivered > expected) {
      throw new IllegalArgumentException("inconsistent counts");
    }
  }

  /** Deliveries that never came. */
  public long lost() {
    return expected - delivered;
  }

  /** Distinct deliveries per second over the span. */
  public double deliveriesPerSecond() {
    return spanSeconds == 0 ? 0 : delivered / spanSeconds;
  }

  /** Server CPU seconds per 100,000 deliveries. */
  public double serverCpuPer100kDeliveries() {
    return delivered == 0 ? 0 : serverCpuSeconds * 100_000 / delivered;
  }
}
