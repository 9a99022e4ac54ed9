package chat.server.internal.storage;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage writer's account of a time when the data directory cannot be written (a full or
 * read-only disk): one error line when it starts, then at most one a minute saying how many writes
 * were refused since, and one line when a batch stores rows again. A disk that fills up under a
 * busy relay would otherwise give a line for every refused write, and none when it recovers. Used
 * on the writer thread only.
 */
final class StorageOutage {
  private static final Logger LOG = LoggerFactory.getLogger(WriteQueue.class);

  /** How often a line says that the outage goes on, at most. */
  static final long REPORT_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final LongSupplier nanos;
  private boolean ongoing;
  private long startedAt;
  private long reportedAt;
  private long refusedSinceReport;
  private long refused;

  StorageOutage(LongSupplier nanos) {
    this.nanos = nanos;
  }

  /**
   * A write could not be stored because of {@code what} (which file, and the cause): the first of
   * an outage is logged at once, with {@code what}; later ones at most once a minute.
   */
  void unavailable(String what) {
    long now = nanos.getAsLong();
    if (!ongoing) {
      ongoing = true;
      startedAt = now;
      reportedAt = now;
      LOG.error(
          "storage unavailable: {}; check the data directory's free space, quota, permissions and"
              + " mount. Writes are refused until then",
          what);
      return;
    }
    if (now - reportedAt >= REPORT_EVERY_NANOS) {
      LOG.error(
          "storage still unavailable: {}; {} refused since the last report",
          what,
          writes(refusedSinceReport));
      reportedAt = now;
      refusedSinceReport = 0;
    }
  }

  /** Whether writes are being refused: the last refusal came after the last batch stored. */
  boolean ongoing() {
    return ongoing;
  }

  /** {@code count} writes were refused because the storage was unavailable. */
  void refused(int count) {
    refused += count;
    refusedSinceReport += count;
  }

  /**
   * A batch stored rows without a refusal: an outage, if there was one, is over, and said to be.
   */
  void stored() {
    if (!ongoing) {
      return;
    }
    LOG.info(
        "storage writable again after {} s; {} refused meanwhile",
        TimeUnit.NANOSECONDS.toSeconds(nanos.getAsLong() - startedAt),
        writes(refused));
    ongoing = false;
    refused = 0;
    refusedSinceReport = 0;
  }

  private static String writes(long count) {
    return count + (count == 1 ? " write" : " writes");
  }
}
