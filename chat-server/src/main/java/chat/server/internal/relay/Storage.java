package chat.server.internal.relay;

import chat.protocol.ErrorCode;
import chat.server.internal.storage.Database;
import chat.server.internal.storage.SqlFunction;
import chat.server.internal.storage.WriteQueue;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay logic's access to the database: reads on the shared read connection and writes through
 * the group-commit queue, with storage failures turned into {@link ErrorCode#INTERNAL}.
 */
public final class Storage {
  private static final Logger LOG = LoggerFactory.getLogger(Storage.class);

  private final Database database;
  private final WriteQueue writes;

  /** Access over {@code database} and its write queue. */
  public Storage(Database database, WriteQueue writes) {
    this.database = database;
    this.writes = writes;
  }

  /** Runs a read. */
  public <T> T read(SqlFunction<T> work) {
    try {
      return database.read(work);
    } catch (SQLException e) {
      LOG.error("read failed", e);
      throw new RelayException(ErrorCode.INTERNAL);
    }
  }

  /** Runs a write in the next group commit and waits until it is durable. */
  public <T> T write(WriteQueue.Write<T> work) {
    return await(writes.submit(work));
  }

  /**
   * Runs a write as {@link #write} does, for work the request can do without: empty if {@code
   * relay.db} cannot be written now ({@link ErrorCode#STORAGE_UNAVAILABLE}: a full or read-only
   * disk), or if the write returned null. Any other refusal is thrown.
   */
  public <T> Optional<T> writeIfWritable(WriteQueue.Write<T> work) {
    try {
      return Optional.ofNullable(write(work));
    } catch (RelayException e) {
      if (e.code() != ErrorCode.STORAGE_UNAVAILABLE) {
        throw e;
      }
      return Optional.empty();
    }
  }

  /** Waits for a storage future, rethrowing its {@link RelayException}. */
  public static <T> T await(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      throw refusal(e.getCause());
    }
  }

  /**
   * What a failed storage future means for the request: its {@link RelayException}, or {@link
   * ErrorCode#INTERNAL} (logged) for anything else.
   */
  public static RelayException refusal(Throwable failure) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    if (cause instanceof RelayException relay) {
      return relay;
    }
    LOG.error("storage failed", cause);
    return new RelayException(ErrorCode.INTERNAL);
  }
}
