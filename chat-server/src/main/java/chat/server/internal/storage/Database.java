package chat.server.internal.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * The relay's SQLite file {@code relay.db}: WAL mode, {@code synchronous=FULL} (a commit is on disk
 * when it returns), foreign keys on, migrated on open. One connection belongs to the {@link
 * WriteQueue} thread; reads share a second connection, serialised; a third belongs to the {@link
 * Checkpointer}. The first two keep the statements they use most ({@link StatementCache}). Stored
 * messages' sealed envelopes lie beside it, in the {@link EnvelopeLog}.
 */
public final class Database implements AutoCloseable {
  /** The database file name inside the data directory. */
  public static final String FILE_NAME = "relay.db";

  private final Path file;
  private final Connection writer;
  private final Connection reader;
  private final Connection checkpoints;
  private final EnvelopeLog envelopes;

  private Database(
      Path file,
      Connection writer,
      Connection reader,
      Connection checkpoints,
      EnvelopeLog envelopes) {
    this.file = file;
    this.writer = writer;
    this.reader = reader;
    this.checkpoints = checkpoints;
    this.envelopes = envelopes;
  }

  /**
   * Opens (creating owner-only if needed) and migrates {@code relay.db} in {@code dataDir}, and
   * opens the {@link EnvelopeLog} beside it.
   *
   * @throws SQLException if the file cannot be opened or migrated
   */
  public static Database open(Path dataDir) throws SQLException {
    return open(dataDir, EnvelopeLog.OpeningCheck.NONE);
  }

  /**
   * As {@link #open(Path)}, making {@code check} of the envelope log before its recovery changes
   * anything (the relay's: {@link StoredKeysetCheck}).
   */
  public static Database open(Path dataDir, EnvelopeLog.OpeningCheck check) throws SQLException {
    return open(dataDir, EnvelopeLog.SEGMENT_BYTES, check);
  }

  /** As {@link #open(Path)}, with envelope segments of {@code segmentBytes} (for tests). */
  static Database open(Path dataDir, long segmentBytes) throws SQLException {
    return open(dataDir, segmentBytes, EnvelopeLog.OpeningCheck.NONE);
  }

  private static Database open(Path dataDir, long segmentBytes, EnvelopeLog.OpeningCheck check)
      throws SQLException {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      FilePermissions.ownerOnlyFile(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Connection> opened = new ArrayList<>(3);
    EnvelopeLog envelopes = null;
    try {
      // The writer and the reader keep the prepared statements they use most: a send's reads and a
      // message's writes run the same few SQL strings over and over.
      Connection writer = opened(opened, StatementCache.wrap(connect(file)));
      Migrations.migrate(writer);
      try (Statement statement = writer.createStatement()) {
        // The Checkpointer copies and has the WAL start over; SQLite's own copy on the writer, in
        // the commit that takes the WAL past this many frames, is only the backstop.
        statement.execute("PRAGMA wal_autocheckpoint = " + Checkpointer.BACKSTOP_FRAMES);
        // Each write of a group commit after the first runs in a savepoint, whose statement journal
        // (the pages it changes, about five of 64 KiB for a message) would otherwise spill into a
        // temporary file: a second write system call for most of each message, on the one thread
        // every message waits for. In memory it is freed when the savepoint is released.
        statement.execute("PRAGMA temp_store = MEMORY");
      }
      Connection reader = opened(opened, StatementCache.wrap(connect(file)));
      Connection checkpoints = opened(opened, connect(file));
      envelopes = openEnvelopes(dataDir, writer, segmentBytes, check);
      Database database = new Database(file, writer, reader, checkpoints, envelopes);
      database.restrictFiles();
      return database;
    } catch (SQLException | RuntimeException e) {
      if (envelopes != null) {
        try {
          envelopes.close();
        } catch (IOException closing) {
          e.addSuppressed(closing);
        }
      }
      closeAll(opened, e);
      throw e;
    }
  }

  private static EnvelopeLog openEnvelopes(
      Path dataDir, Connection writer, long segmentBytes, EnvelopeLog.OpeningCheck check)
      throws SQLException {
    try {
      return EnvelopeLog.open(dataDir, writer, segmentBytes, true, check);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Connection opened(List<Connection> opened, Connection connection) {
    opened.add(connection);
    return connection;
  }

  /** Closes what an open that failed with {@code cause} had opened; their failures join it. */
  private static void closeAll(List<Connection> opened, Exception cause) {
    for (Connection connection : opened) {
      try {
        connection.close();
      } catch (SQLException e) {
        cause.addSuppressed(e);
      }
    }
  }

  /**
   * A read-only connection to the existing {@code relay.db} in {@code dataDir}, for operator tools
   * such as {@code chat-server audit}: it never creates or migrates anything, and works while the
   * relay runs (WAL lets a reader in beside the writer).
   *
   * @throws NoSuchFileException if there is no {@code relay.db} there
   * @throws SQLException if it cannot be opened
   */
  public static Connection openReadOnly(Path dataDir) throws SQLException, NoSuchFileException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(10_000);
    return openExisting(dataDir, config);
  }

  /**
   * A connection to the existing {@code relay.db} in {@code dataDir} that may write, for an
   * operator tool's one short change ({@code chat-server users set-limit}): it never creates or
   * migrates anything, checks foreign keys and syncs its commit as the relay does, and waits up to
   * 10 seconds for the relay's writer, as the relay's writer waits for it. Begin its transaction
   * with {@code BEGIN IMMEDIATE}, so that it holds the write lock from its first read.
   *
   * @throws NoSuchFileException if there is no {@code relay.db} there
   * @throws SQLException if it cannot be opened
   */
  public static Connection openForChange(Path dataDir) throws SQLException, NoSuchFileException {
    SQLiteConfig config = new SQLiteConfig();
    config.resetOpenMode(SQLiteOpenMode.CREATE);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(10_000);
    return openExisting(dataDir, config);
  }

  private static Connection openExisting(Path dataDir, SQLiteConfig config)
      throws SQLException, NoSuchFileException {
    Path file = dataDir.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString());
    }
    return DriverManager.getConnection(
        "jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
  }

  /**
   * The page size of a new {@code relay.db}: SQLite's largest. An envelope to a 1,000-member room
   * is 450 KB, written twice (to the WAL at commit, to the database at checkpoint); in 64 KiB pages
   * that is 7 writes each instead of 110, which made the relay about a fifth faster in that room.
   * The cost, a bigger WAL write for a small change such as a login, did not measurably slow a
   * login storm.
   */
  static final int PAGE_BYTES = 64 * 1024;

  private static Connection connect(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(10_000);
    Connection connection =
        DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
    try (Statement statement = connection.createStatement()) {
      // Before WAL mode, and only a new, empty database takes it: one that exists keeps its own.
      statement.execute("PRAGMA page_size = " + PAGE_BYTES);
      statement.execute("PRAGMA journal_mode = WAL");
      statement.execute("PRAGMA secure_delete = ON");
    } catch (SQLException | RuntimeException e) {
      closeAll(List.of(connection), e);
      throw e;
    }
    return connection;
  }

  /** Makes the database, WAL and shared-memory files owner-only. */
  public void restrictFiles() {
    try {
      for (String suffix : new String[] {"", "-wal", "-shm"}) {
        FilePermissions.restrict(file.resolveSibling(file.getFileName() + suffix));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The path of {@code relay.db}. */
  public Path file() {
    return file;
  }

  /** The write connection; only the write queue's thread may use it. */
  Connection writer() {
    return writer;
  }

  /** The checkpoint connection; only the {@link Checkpointer}'s thread may use it. */
  Connection checkpoints() {
    return checkpoints;
  }

  /** The segment files holding stored messages' sealed envelopes. */
  public EnvelopeLog envelopes() {
    return envelopes;
  }

  /** Runs a read on the shared read connection. */
  public <T> T read(SqlFunction<T> work) throws SQLException {
    synchronized (reader) {
      return work.apply(reader);
    }
  }

  @Override
  public void close() throws SQLException {
    synchronized (reader) {
      reader.close();
    }
    checkpoints.close();
    try {
      envelopes.close();
    } catch (IOException e) {
      throw new SQLException("envelope log could not be closed", e);
    } finally {
      writer.close();
    }
  }
}
