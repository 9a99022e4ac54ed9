package chat.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A test clock that starts at the real time and moves only when a test advances it. */
public final class MutableClock extends Clock {
  private volatile Instant now = Instant.now();

  /** Moves the clock forward by {@code amount}. */
  public void advance(Duration amount) {
    now = now.plus(amount);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("fixed to UTC");
  }

  @Override
  public Instant instant() {
    return now;
  }
}
