package chat.cli.client.internal;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How long one file transfer has waited for a lost relay connection. Each wait of a transfer (the
 * retries of an idempotent request, a chunk sent again) counts from the moment the connection was
 * first found lost, not from its own start, so that a transfer gives up once the relay has been
 * away for its patience in all; the connection coming back starts the count again. Used by one
 * transfer's thread at a time.
 */
final class Outage {
  private final Duration patience;
  private final LongSupplier nanoTime;
  private long lostAt;
  private boolean lost;

  /** An outage tracker giving up after {@code patience} by {@code nanoTime}. */
  Outage(Duration patience, LongSupplier nanoTime) {
    this.patience = patience;
    this.nanoTime = nanoTime;
  }

  /** Notes that the connection is down now; whether it has been down for the whole patience. */
  boolean exhausted() {
    long now = nanoTime.getAsLong();
    if (!lost) {
      lost = true;
      lostAt = now;
    }
    return now - lostAt > patience.toNanos();
  }

  /** The connection is up: a later loss is a new outage. */
  void over() {
    lost = false;
  }
}
