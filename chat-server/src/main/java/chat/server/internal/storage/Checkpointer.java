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
 * WriteQueue}'s thread, which every acknowledgement waits for, copies as little as it can.
 *
 * <p>SQLite checkpoints inside the commit that takes the WAL past its automatic checkpoint size:
 * the writer then copies whatever is not yet in the database file and syncs it before the next
 * batch, and every message queued meanwhile waits. This thread runs a {@code PASSIVE} checkpoint,
 * which never blocks the writer or a reader, at most every {@link #INTERVAL_MILLIS} ms while
 * commits come, and repeats it at once (a few times at most) while commits made during it are left
 * to copy and it gets further.
 *
 * <p>SQLite starts the WAL over only at a write that finds all of it in the database file, which a
 * writer that commits every few milliseconds seldom does: something is always left. So once the WAL
 * holds {@link #RESTART_FRAMES} frames and this thread has copied all but {@link #CATCH_UP_FRAMES}
 * of them, the writer copies that rest itself between two batches ({@link #catchUpIfDue}), once the
 * first one's writes are reported stored, and its next write starts the WAL over. The writer's own
 * automatic checkpoint stays as the backstop, at {@link #BACKSTOP_FRAMES}. Durability is unchanged:
 * a commit is on disk, in the WAL, when it returns.
 */
final class Checkpointer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);

  /** Least time between checkpoints: each one syncs the database file. */
  static final long INTERVAL_MILLIS = 250;

  /** WAL frames (64 MiB of 64 KiB pages) from which the writer finishes a copy and starts over. */
  static final long RESTART_FRAMES = 1000;

  /** Frames left to copy, at most, for the writer to finish (4 MiB: a batch or two). */
  static final long CATCH_UP_FRAMES = 64;

  /** The writer's own automatic checkpoint ({@code wal_autocheckpoint}), should all else fail. */
  static final int BACKSTOP_FRAMES = 4 * (int) RESTART_FRAMES;

  /** Passes at most per checkpoint: the first, then catching up with commits made during it. */
  private static final int MAX_PASSES = 4;

  private final Connection connection;
  private final Thread thread;
  private boolean committed;
  private boolean closing;
  private long failures;
  private long catchUpFailures;
  private volatile boolean catchUpDue;
  private final boolean writerCatchUp;

  /** Starts the thread over {@code connection}, its own (the database closes it). */
  Checkpointer(Connection connection) {
    this(connection, true, true);
  }

  /**
   * For tests: over {@code connection}; with {@code ownThread} false no thread runs and checkpoints
   * happen only when the test calls {@link #checkpoint()}; with {@code writerCatchUp} false {@link
   * #catchUpIfDue} never copies.
   */
  Checkpointer(Connection connection, boolean ownThread, boolean writerCatchUp) {
    this.connection = connection;
    this.writerCatchUp = writerCatchUp;
    this.thread = new Thread(this::run, "relay-db-checkpoint");
    thread.setDaemon(true);
    if (ownThread) {
      thread.start();
    }
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

  /** Runs one checkpoint (up to {@link #MAX_PASSES} passes) on this checkpointer's connection. */
  void checkpoint() {
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
          if (frames >= RESTART_FRAMES && inDatabase >= frames - CATCH_UP_FRAMES) {
            catchUpDue = true;
          }
          if (frames <= inDatabase || inDatabase <= copied) {
            // Done; or no further: a reader's snapshot holds the rest, or another checkpoint runs.
            return;
          }
          copied = inDatabase;
        }
      }
    } catch (SQLException | RuntimeException e) {
      // The writer's automatic checkpoint still runs.
      warnSometimes(failures++, "background checkpoint of relay.db failed: {}", e);
    }
  }

  /**
   * On the writer thread, between batches: if this thread has copied all but a little of a WAL that
   * is due to start over, copies the rest on {@code writer}, so that the writer's next write starts
   * the WAL over. Does nothing otherwise, or if this thread is copying right now (SQLite then
   * reports the checkpoint busy and it is asked for again after this thread's next pass).
   */
  void catchUpIfDue(Connection writer) {
    if (!catchUpDue || !writerCatchUp) {
      return;
    }
    catchUpDue = false;
    try (Statement statement = writer.createStatement();
        ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
      result.next();
    } catch (SQLException | RuntimeException e) {
      warnSometimes(catchUpFailures++, "checkpoint of relay.db on the writer failed: {}", e);
    }
  }

  /** Logs the first failure, then every 1,000th: a failing disk would otherwise flood the log. */
  private static void warnSometimes(long failuresBefore, String message, Exception failure) {
    if (failuresBefore % 1000 == 0) {
      LOG.warn(message, failure.getMessage());
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
