package chat.server.internal.storage;

import chat.protocol.ErrorCode;
import chat.server.internal.relay.RelayException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteException;

/**
 * The single writer: a thread that drains queued writes into one transaction (a group commit) and
 * completes each write's future only after that transaction is committed, so an acknowledgement
 * that waits on the future means the data is on disk.
 *
 * <p>Each write is rolled back alone if it throws, and its future fails; the rest of the batch
 * commits. The first write of a batch runs straight in the transaction (a failure rolls back the
 * transaction, which holds only that write, and the next write is first again), each later one
 * inside its own savepoint. After {@link #close()} new writes are refused with {@link
 * ErrorCode#SHUTTING_DOWN}, and everything already queued is committed first.
 *
 * <p>Between batches the same thread keeps the envelope log's house, a step at a time ({@link
 * EnvelopeLog#housekeep}): the rest of a large erasure, 8 MiB a step, then compaction, 2 MiB a
 * step. A step runs whenever 20 ms pass without a write. While writes come more often than that,
 * each batch is followed by a piece of erasure ({@link EnvelopeLog#erasePending}) while any is
 * left, and once none is (the piece that ends an erasure included) by a step of compaction at most
 * once a second. As the writer stops, it finishes any erasure left ({@link EnvelopeLog#eraseAll}).
 */
public final class WriteQueue implements AutoCloseable {
  /**
   * One write; runs on the writer thread inside the batch transaction. It must not begin, commit or
   * roll back a transaction itself: throwing is how a write undoes what it did.
   */
  @FunctionalInterface
  public interface Write<T> {
    /** Applies the write; throw {@link RelayException} to refuse it. */
    T apply(Connection connection) throws SQLException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(WriteQueue.class);
  private static final int MAX_BATCH = 256;

  /** A write that changes nothing: SQLite takes the write lock for it all the same. */
  private static final String TAKE_WRITE_LOCK =
      "UPDATE schema_version SET version = version WHERE 0";

  /** While writes keep coming, a step of housekeeping runs after a batch at most this often. */
  private static final long BUSY_HOUSEKEEPING_NANOS = TimeUnit.SECONDS.toNanos(1);

  /**
   * How long no write must have come before the writer runs a step of housekeeping (and the next
   * after as long again); a write that comes meanwhile waits for at most the step in progress.
   */
  private static final long IDLE_BEFORE_HOUSEKEEPING_MILLIS = 20;

  private final Database database;
  private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final Checkpointer checkpointer;
  private volatile boolean closing;
  private volatile boolean writing;
  private long lastHousekeeping = System.nanoTime();
  private final AtomicLong rollbacks = new AtomicLong();
  private final StorageOutage outage = new StorageOutage(System::nanoTime);

  /** Starts the writer thread for {@code database}. */
  public WriteQueue(Database database) {
    this(database, new Checkpointer(database.checkpoints()));
  }

  /** Starts the writer thread for {@code database}, with {@code checkpointer} (for tests). */
  WriteQueue(Database database, Checkpointer checkpointer) {
    this.database = database;
    this.checkpointer = checkpointer;
    this.thread = new Thread(this::run, "relay-db-writer");
    thread.start();
  }

  /**
   * A number that changes whenever a write, or a whole batch, has been rolled back: what a write
   * read after an earlier write in its batch may no longer be in the database.
   */
  public long rollbacks() {
    return rollbacks.get();
  }

  /**
   * Whether the writer is in a batch now: a write queued meanwhile waits at least until that batch
   * is committed.
   */
  public boolean writing() {
    return writing;
  }

  /** Queues {@code write}; the future completes after its batch commits. */
  public <T> CompletableFuture<T> submit(Write<T> write) {
    return submit(write, result -> {});
  }

  /**
   * As {@link #submit(Write)}, and {@code onCommit} is called with the write's result on the writer
   * thread once its batch has committed, just before the future completes: for writes committed one
   * after the other, in that order. It must be quick; what it throws is logged and does not keep
   * the future from completing.
   */
  public <T> CompletableFuture<T> submit(Write<T> write, Consumer<? super T> onCommit) {
    Task<T> task = new Task<>(write, onCommit);
    synchronized (this) {
      if (closing) {
        task.future.completeExceptionally(new RelayException(ErrorCode.SHUTTING_DOWN));
        return task.future;
      }
      queue.add(task);
    }
    return task.future;
  }

  private void run() {
    List<Task<?>> batch = new ArrayList<>(MAX_BATCH);
    while (true) {
      try {
        // While erasure or compaction is left, a step runs once no write has come for a moment.
        boolean housekeeping = !closing && database.envelopes().housekeepingDue();
        Task<?> first =
            queue.poll(housekeeping ? IDLE_BEFORE_HOUSEKEEPING_MILLIS : 100, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (closing && queue.isEmpty()) {
            database.envelopes().eraseAll(database.writer());
            return;
          }
          if (housekeeping) {
            housekeepingStep();
          }
          continue;
        }
        writing = true;
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        commit(batch);
        // A writer that is never idle still compacts, a step a second; erasure, if any is left,
        // already had its piece after this batch.
        if (!closing
            && !database.envelopes().erasing()
            && System.nanoTime() - lastHousekeeping >= BUSY_HOUSEKEEPING_NANOS) {
          housekeepingStep();
        }
      } catch (Error e) {
        // Thrown after the commit (the erasures, the checkpoint): the writes are stored, but an
        // Error left to end this thread would leave every later write waiting for ever.
        LOG.error("storage writer: a batch of {} writes failed after its commit", batch.size(), e);
        for (Task<?> task : batch) {
          task.future.completeExceptionally(new RelayException(ErrorCode.INTERNAL));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        writing = false;
        batch.clear();
      }
    }
  }

  /** One step of the envelope log's housekeeping, if one is due; never inside a batch. */
  private void housekeepingStep() {
    EnvelopeLog envelopes = database.envelopes();
    if (!envelopes.housekeepingDue()) {
      return;
    }
    writing = true;
    try {
      envelopes.housekeep(database.writer());
      checkpointer.committed(); // a step commits rows and erasures like a batch
      checkpointer.catchUpIfDue(database.writer());
    } finally {
      writing = false;
      lastHousekeeping = System.nanoTime();
    }
  }

  /**
   * Runs {@code batch} in one transaction, each write but the first in a savepoint of its own so
   * that a failed write is undone alone, then makes the batch durable: its envelopes synced before
   * the commit syncs its rows. On a failure of the batch as a whole every write fails with the same
   * refusal.
   */
  private void commit(List<Task<?>> batch) {
    Connection connection = database.writer();
    EnvelopeLog envelopes = database.envelopes();
    EnvelopeLog.Mark batchStart = envelopes.mark();
    boolean synced = false;
    long changesBefore = outage.ongoing() ? totalChanges(connection) : -1;
    try {
      connection.setAutoCommit(false);
      takeWriteLock(connection);
      runWrites(connection, envelopes, batch);
      // The envelopes first: a committed row's envelope must already be on disk.
      envelopes.force();
      synced = true;
      envelopes.listClosedSegments(connection);
      connection.commit();
      connection.setAutoCommit(true);
      checkpointer.committed();
    } catch (SQLException | IOException | RuntimeException | Error e) {
      // An Error too (out of memory while a write copies an envelope): left to end this thread, it
      // would leave this batch and every later write waiting for ever.
      RelayException refusal = batchRefusal(batch, e);
      endFailedTransaction(connection);
      if (!synced) {
        // Once synced they stay: a commit that reported a failure may still have stored its rows
        // (or failed after storing them), and a stored row must find its envelope.
        envelopes.resetTo(batchStart);
      }
      if (refusal.code() == ErrorCode.STORAGE_UNAVAILABLE) {
        outage.refused(batch.size());
      }
      for (Task<?> task : batch) {
        task.future.completeExceptionally(refusal);
      }
      return;
    }
    int unavailable = 0;
    for (Task<?> task : batch) {
      if (task.failure != null && task.failure.code() == ErrorCode.STORAGE_UNAVAILABLE) {
        unavailable++;
      }
      task.complete();
    }
    if (unavailable > 0) {
      outage.refused(unavailable);
    } else if (outage.ongoing() && totalChanges(connection) > changesBefore) {
      // Rows stored, not merely a batch without refusals: one whose writes were all refused for
      // other reasons, or changed nothing, commits even on a full or read-only disk.
      outage.stored();
    }
    envelopes.erasePending(connection);
    checkpointer.catchUpIfDue(connection);
  }

  /**
   * Takes {@code relay.db}'s write lock as the transaction's first statement, so that a batch's
   * reads and writes all run under it. A transaction that reads first and writes later fails at
   * once ({@code SQLITE_BUSY}, which the busy timeout does not wait out) if another connection
   * committed between its first read and its first write: an operator's command writing beside the
   * relay ({@code users set-limit}, {@code users suspend}, {@code keys rotate}) failed every send
   * of the batch it fell into. As the first statement, the lock is waited for as any write waits. A
   * database that takes no write (a read-only disk) refuses it, and the batch goes on as before:
   * its reads run, its writes are refused with the reason.
   */
  private static void takeWriteLock(Connection connection) {
    try (PreparedStatement lock = connection.prepareStatement(TAKE_WRITE_LOCK)) {
      lock.executeUpdate();
    } catch (SQLException readOnly) {
      // the batch's own writes say why
    }
  }

  /**
   * How many rows the writer's connection has changed since it opened (SQLite's {@code
   * total_changes()}); -1 if that cannot be read, which then tells of no change.
   */
  private static long totalChanges(Connection connection) {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT total_changes()")) {
      return result.next() ? result.getLong(1) : -1;
    } catch (SQLException e) {
      return -1;
    }
  }

  /**
   * Runs each write of {@code batch} inside the open transaction; a write that fails is undone (its
   * rows and the envelopes it appended) and keeps its failure, the others go on.
   */
  private void runWrites(Connection connection, EnvelopeLog envelopes, List<Task<?>> batch)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      boolean first = true;
      for (Task<?> task : batch) {
        EnvelopeLog.Mark before = envelopes.mark();
        if (first) {
          // The transaction stands in for the savepoint of its first write. Inside a savepoint
          // SQLite copies each existing page a write changes into a statement journal, a
          // temporary file once it passes one 64 KiB page: about five pages for a message. The
          // first write of every batch, the only one when the relay is not busy, is spared that.
          task.run(connection, outage);
          if (task.failure != null) {
            envelopes.resetTo(before);
            rollbacks.incrementAndGet();
            connection.rollback(); // and begins a new transaction: the next write is first
            takeWriteLock(connection);
          } else if (Transactions.open(statement)) {
            first = false;
          } else {
            throw new SQLException("the batch's transaction ended during its first write");
          }
          continue;
        }
        statement.execute("SAVEPOINT w");
        task.run(connection, outage);
        if (task.failure == null) {
          statement.execute("RELEASE w");
        } else {
          envelopes.resetTo(before);
          rollbacks.incrementAndGet();
          statement.execute("ROLLBACK TO w");
          statement.execute("RELEASE w");
        }
      }
    }
  }

  /**
   * What every write of a batch that failed as a whole is refused with: the storage being
   * unavailable if one of its writes found it so (SQLite may have rolled the whole transaction back
   * after it), else what {@code e} means; logged when it is a fault of the relay's own.
   */
  private RelayException batchRefusal(List<Task<?>> batch, Throwable e) {
    RelayException refusal = refusal(e, outage);
    for (Task<?> task : batch) {
      if (task.failure != null && task.failure.code() == ErrorCode.STORAGE_UNAVAILABLE) {
        refusal = task.failure;
      }
    }
    if (refusal.code() == ErrorCode.INTERNAL) {
      LOG.error("group commit of {} writes failed", batch.size(), e);
    }
    return refusal;
  }

  /**
   * Rolls back what is left of a failed batch and puts the connection back in auto-commit mode
   * ({@link Transactions#endFailed}). Skipping the reset of auto-commit left the driver believing a
   * transaction was open: the next batch then committed each write at its savepoint's release and
   * failed the final commit, so writes that were stored were reported as failed.
   */
  private void endFailedTransaction(Connection connection) {
    rollbacks.incrementAndGet();
    Transactions.endFailed(connection, null);
  }

  /**
   * The refusal a failed write gets: {@link ErrorCode#STORAGE_UNAVAILABLE} when SQLite reports a
   * full, read-only or failing disk, or the envelope log cannot be written (told to {@code outage},
   * which logs it: the operator's problem to fix, not a bug), {@link ErrorCode#INTERNAL} otherwise.
   */
  private static RelayException refusal(Throwable failure, StorageOutage outage) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException io) {
        outage.unavailable(
            "the envelope log ("
                + EnvelopeLog.DIRECTORY
                + "/) cannot be written ("
                + io.getMessage()
                + ")");
        return new RelayException(ErrorCode.STORAGE_UNAVAILABLE);
      }
      if (cause instanceof SQLiteException sqlite) {
        String code = sqlite.getResultCode().name();
        if (code.startsWith("SQLITE_FULL")
            || code.startsWith("SQLITE_READONLY")
            || code.startsWith("SQLITE_IOERR")
            || code.startsWith("SQLITE_CANTOPEN")) {
          outage.unavailable("relay.db cannot be written (" + code + ")");
          return new RelayException(ErrorCode.STORAGE_UNAVAILABLE);
        }
      }
    }
    return new RelayException(ErrorCode.INTERNAL);
  }

  /**
   * Refuses new writes, commits everything queued, and stops the threads. Waits for them even if
   * the caller is interrupted (the database is closed next), and keeps the interrupt.
   */
  @Override
  public void close() {
    synchronized (this) {
      closing = true;
    }
    joinUninterruptibly(thread);
    checkpointer.close();
  }

  /** Waits for {@code thread} to end, however often interrupted; the interrupt is kept. */
  static void joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static final class Task<T> {
    private final Write<T> write;
    private final Consumer<? super T> onCommit;
    private final CompletableFuture<T> future = new CompletableFuture<>();
    private T result;
    private RelayException failure;

    Task(Write<T> write, Consumer<? super T> onCommit) {
      this.write = write;
      this.onCommit = onCommit;
    }

    void run(Connection connection, StorageOutage outage) {
      try {
        result = write.apply(connection);
      } catch (RelayException e) {
        failure = e;
      } catch (SQLException | RuntimeException | Error e) {
        // An Error too: undone alone like any failed write, it does not take the batch with it.
        failure = refusal(e, outage);
        if (failure.code() == ErrorCode.INTERNAL && e instanceof SQLException) {
          // One line for the operator (a damaged relay.db says which table or index); the stack
          // trace at DEBUG (CHAT_SERVER_LOG_LEVEL=DEBUG), as for a failed start.
          LOG.error("write failed: {} (the stack trace is logged at DEBUG)", e.getMessage());
          LOG.debug("write failed", e);
        } else if (failure.code() == ErrorCode.INTERNAL) {
          LOG.error("write failed", e); // a defect of the relay's: its trace is what a fix needs
        }
      }
    }

    void complete() {
      if (failure != null) {
        future.completeExceptionally(failure);
        return;
      }
      try {
        onCommit.accept(result);
      } catch (RuntimeException e) {
        LOG.error("after a commit", e);
      }
      future.complete(result);
    }
  }
}
