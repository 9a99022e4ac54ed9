package chat.bench.load;

/**
 * One system's history-fetch run.
 *
 * @param target the system's name
 * @param members members of the room (the relay seals each message to all of them)
 * @param stored messages stored in the room
 * @param fetches fetches answered
 * @param asked fetches asked for
 * @param messagesPerFetch the fewest messages one answered fetch brought
 * @param seconds the measured phase's wall time
 * @param p50Micros median fetch latency
 * @param p99Micros 99th percentile fetch latency
 * @param maxMicros largest fetch latency
 * @param serverCpuSeconds server CPU (user + system) over the measured phase
 * @param serverRssBytes server resident memory after it
 * @param generatorCpuSeconds the generator's own CPU over it
 * @param errors fetches refused or failed
 */
public record HistoryResult(
    String target,
    int members,
    int stored,
    long fetches,
    long asked,
    int messagesPerFetch,
    double seconds,
    long p50Micros,
    long p99Micros,
    long maxMicros,
    double serverCpuSeconds,
    long serverRssBytes,
    double generatorCpuSeconds,
    long errors) {

  /** Fetches answered per second of the measured phase. */
  public double fetchesPerSecond() {
    return seconds > 0 ? fetches / seconds : 0;
  }

  /** Server CPU milliseconds per answered fetch. */
  public double serverCpuMillisPerFetch() {
    return fetches > 0 ? serverCpuSeconds * 1000 / fetches : 0;
  }
}
