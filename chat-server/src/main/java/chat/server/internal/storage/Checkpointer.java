package chat.server.internal.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies committed WAL frames into {@code relay.db} on a thread of its own, so that the {@link
 * WriteQueue}'s thread, which every acknowledgement waits for, does not.
 *
 * <p>SQLite checkpoints inside the commit that takes the WAL past 1,000 pages (64 MiB here): the
 * writer then copies the whole WAL into the database file and syncs it before the next batch, and
 * every message queued meanwhile waits, about 150 ms on the benchmark machine. This thread runs a
 * {@code PASSIVE} checkpoint, which never blocks the writer or a reader, at most every {@link
 * #INTERVAL_MILLIS} ms while commits come, and repeats it at once (a few times at most) while
 * commits made during it are left to copy and it gets further: the writer restarts the WAL only
 * when every frame in it is in the database file. The writer's own automatic checkpoint stays as
 * the backstop, and then finds little left to copy. Durability is unchanged: a commit is on disk,
 * in the WAL, when it returns.
 */
final class Checkpointer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);

  /** Least time between checkpoints: each one syncs the database file. */
  static final long INTERVAL_MILLIS = 250;

  /** Passes at most per checkpoint: the first, then catching up with commits made during it. */
  private static final int MAX_PASSES = 4;

  private final Connection connection;
  private final Thread thread;
  private boolean committed;
  private boolean closing;
  private long failures;

  /** Starts the thread over {@code connection}, its own (the database closes it). */
  Checkpointer(Connection connection) {
    this.connection = connection;
    this.thread = new Thread(this::run, "relay-db-checkpoint");
    thread.setDaemon(true);
    thread.start();
  }

  /** Tells the thread that a commit has added frames to the WAL. */
  synchronized void committed() {
    if (!committed) {
      committed = true;
      notifyAll();
    }
  }

  private void run() {
    try {
      while (awaitCommit()) {
        checkpoint();
        TimeUnit.MILLISECONDS.sleep(INTERVAL_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized boolean awaitCommit() throws InterruptedException {
    while (!committed && !closing) {
      wait();
    }
    committed = false;
    return !closing;
  }

  private void checkpoint() {
    try (Statement statement = connection.createStatement()) {
      long copied = -1;
      for (int pass = 0; pass < MAX_PASSES; pass++) {
        try (ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
          // busy, frames in the WAL, frames of it now in the database file (-1, -1 when busy)
          if (!result.next()) {
            return;
          }
          long frames = result.getLong(2);
          long inDatabase = result.getLong(3);
          if (frames <= inDatabase || inDatabase <= copied) {
            // Done; or no further: a reader's snapshot holds the rest, or another checkpoint runs.
            return;
          }
          copied = inDatabase;
        }
      }
    } catch (SQLException | RuntimeException e) {
      // The writer's automatic checkpoint still runs; say so once, then every 1,000th time.
      if (failures++ % 1000 == 0) {
        LOG.warn("background checkpoint of relay.db failed: {}", e.getMessage());
      }
    }
  }

  /** Stops the thread; a checkpoint under way finishes first. */
  @Override
  public void close() {
    synchronized (this) {
      closing = true;
      notifyAll();
    }
    thread.interrupt();
    WriteQueue.joinUninterruptibly(thread);
  }
}
