package chat.bench.load;

/**
 * What one held-sessions run measured on one target. Resident memory is sampled three ways, each
 * before and after the sessions: once the server is quiet, after it has been idle a while (a JVM
 * may give memory back by itself), and after a forced full collection (JVM targets; the plain RSS
 * otherwise).
 *
 * @param target the system's name
 * @param sessions sessions asked for
 * @param rssBefore server RSS before the sessions (accounts made, server idle)
 * @param rssQuiet server RSS as soon as every session was up and the server quiet
 * @param rssIdle server RSS after the sessions had been idle a while
 * @param rssBeforeCollected server RSS before, after a full collection
 * @param rssAfterCollected server RSS after, after a full collection
 * @param setupSeconds from the first connect until every session was ready and the server quiet
 * @param serverCpuSeconds server CPU over that time
 * @param events events the sessions received meanwhile (presence, joins)
 * @param pings pings answered, one per session
 * @param pingP50Micros median ping round trip
 * @param pingP99Micros 99th percentile ping round trip
 * @param pingMaxMicros largest ping round trip
 * @param failures sessions that failed to connect, were dropped, or did not answer the ping
 */
public record SessionsResult(
    String target,
    int sessions,
    long rssBefore,
    long rssQuiet,
    long rssIdle,
    long rssBeforeCollected,
    long rssAfterCollected,
    double setupSeconds,
    double serverCpuSeconds,
    long events,
    long pings,
    long pingP50Micros,
    long pingP99Micros,
    long pingMaxMicros,
    long failures) {
  /** Checks the counts. */
  public SessionsResult {
    if (sessions < 1 || pings < 0 || failures < 0) {
      throw new IllegalArgumentException("inconsistent counts");
    }
  }

  /** Resident memory per session once quiet: (quiet - before) / sessions. */
  public double quietRssPerSessionBytes() {
    return (rssQuiet - rssBefore) / (double) sessions;
  }

  /** Resident memory per idle session: (idle - before) / sessions. */
  public double idleRssPerSessionBytes() {
    return (rssIdle - rssBefore) / (double) sessions;
  }

  /** The same after full collections. */
  public double collectedRssPerSessionBytes() {
    return (rssAfterCollected - rssBeforeCollected) / (double) sessions;
  }
}
