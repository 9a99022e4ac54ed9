package chat.cli.client.internal;

import chat.cli.client.FileTransfer;
import chat.cli.client.TransferState;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * The running state of one transfer: records every change in the {@link TransferLog} (writing the
 * file on state changes, not on progress) and reports it to the listeners, progress at most every
 * {@link #MIN_INTERVAL_MILLIS} and only when the whole percentage moved.
 */
final class TransferProgress {
  /** Least time between two progress reports. */
  static final long MIN_INTERVAL_MILLIS = 200;

  private final TransferLog log;
  private final Consumer<FileTransfer> report;
  private final Clock clock;
  private FileTransfer current;
  private long lastReportMillis;
  private int lastPercent = -1;

  /**
   * Progress starting from {@code initial}, which is recorded and reported at once.
   *
   * @param report hands a view to the listeners (on the client's event thread)
   */
  TransferProgress(
      FileTransfer initial, TransferLog log, Consumer<FileTransfer> report, Clock clock) {
    this.log = log;
    this.report = report;
    this.clock = clock;
    this.current = initial;
    publish(true);
  }

  /** The latest view. */
  synchronized FileTransfer current() {
    return current;
  }

  /** {@code done} of {@code total} encrypted bytes have moved. */
  synchronized void bytes(long done, long total) {
    long now = clock.millis();
    current = current.with(current.state(), done, total, "", "", now);
    int percent = current.percent();
    boolean due = percent != lastPercent && now - lastReportMillis >= MIN_INTERVAL_MILLIS;
    if (due || done == total) {
      publish(false);
    }
  }

  /**
   * Starts counting again from nothing: reported at once with {@code why} as its detail, so that
   * the front ends say why the progress went back and show the new pass from its start.
   */
  synchronized void restart(String why) {
    long now = clock.millis();
    current = current.with(current.state(), 0, current.bytesTotal(), "", why, now);
    publish(false);
  }

  /** Moves to {@code state}, with a saved path or failure detail (else empty). */
  synchronized void state(TransferState state, String savedPath, String detail) {
    current =
        current.with(
            state, current.bytesDone(), current.bytesTotal(), savedPath, detail, clock.millis());
    publish(true);
  }

  private void publish(boolean persist) {
    log.put(current, persist);
    lastReportMillis = clock.millis();
    lastPercent = current.percent();
    report.accept(current);
  }
}
