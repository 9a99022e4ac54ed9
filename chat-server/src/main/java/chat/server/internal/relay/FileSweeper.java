package chat.server.internal.relay;

import chat.crypto.Bytes;
import chat.server.internal.storage.FileChunkRepository;
import chat.server.internal.storage.FileRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes expired files and their chunks: once at start, then periodically on its own thread. Each
 * batch is one write through the group-commit queue, so a sweep never holds the writer for long.
 */
public final class FileSweeper implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FileSweeper.class);
  private static final int BATCH = 64;

  private final Storage storage;
  private final FileRepository files;
  private final FileChunkRepository chunks;
  private final Clock clock;
  private final PeriodicTask timer = new PeriodicTask("relay-file-sweeper");

  /** A sweeper over these collaborators; {@link #start} schedules it. */
  public FileSweeper(
      Storage storage, FileRepository files, FileChunkRepository chunks, Clock clock) {
    this.storage = storage;
    this.files = files;
    this.chunks = chunks;
    this.clock = clock;
  }

  /** Sweeps every {@code interval} from now on. */
  public void start(Duration interval) {
    timer.sweepEvery(interval, this::sweep, LOG, "expired files deleted: {}", "file sweep failed");
  }

  /**
   * Deletes every file expired by now, in batches; returns how many files were deleted, which the
   * caller says (the relay's start always does).
   */
  public int sweep() {
    int deleted = 0;
    while (true) {
      long now = clock.millis();
      int batch =
          storage.write(
              c -> {
                List<Bytes> expired = files.expired(c, now, BATCH);
                for (Bytes fileId : expired) {
                  chunks.deleteAll(c, fileId);
                  files.delete(c, fileId);
                }
                return expired.size();
              });
      deleted += batch;
      if (batch < BATCH) {
        break;
      }
    }
    return deleted;
  }

  /** Stops the periodic sweeps; a sweep in progress finishes first. */
  @Override
  public void close() {
    timer.close();
  }
}
