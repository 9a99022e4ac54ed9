package chat.bench.load;

/**
 * What one reconnect storm measured on one target.
 *
 * @param target the system's name
 * @param sessions sessions that were connected before the restart
 * @param restored sessions restored after it (the relay: resumed with their tokens)
 * @param stormSeconds from the first reconnect to the last session restored
 * @param quietSeconds from the first reconnect until the server was quiet again
 * @param serverCpuSeconds server CPU over that time
 * @param events events the sessions received meanwhile (presence, joins)
 * @param pings sessions that answered a ping afterwards
 * @param passwordChecks password checks the server logged after the restart (-1: not applicable)
 * @param retries reconnects the server dropped before they were ready, tried again
 * @param failures reconnects refused or failed, and sessions dropped
 */
public record ReconnectResult(
    String target,
    int sessions,
    long restored,
    double stormSeconds,
    double quietSeconds,
    double serverCpuSeconds,
    long events,
    long pings,
    long passwordChecks,
    long retries,
    long failures) {
  /** Checks the counts. */
  public ReconnectResult {
    if (sessions < 1 || restored < 0 || restored > sessions || failures < 0) {
      throw new IllegalArgumentException("inconsistent counts");
    }
  }

  /** Sessions restored per second of the storm. */
  public double restoredPerSecond() {
    return stormSeconds == 0 ? 0 : restored / stormSeconds;
  }
}
