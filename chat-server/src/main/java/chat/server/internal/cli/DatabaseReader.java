package chat.server.internal.cli;

import chat.server.internal.storage.DataDirectory;
import chat.server.internal.storage.Database;
import chat.server.internal.storage.Migrations;
import chat.server.internal.storage.NativeLibraryFolder;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Reads {@code relay.db} for an operator command ({@code audit}, {@code users}): read-only, so it
 * never creates, migrates or changes anything and is safe while the relay runs (WAL lets a reader
 * in beside the writer), and in one transaction, so that every count comes from the same moment.
 * {@link #changeCurrent} is the one exception, for {@code users set-limit}: one short write
 * transaction, which the relay's writer waits for as it waits for its own.
 */
final class DatabaseReader {
  private DatabaseReader() {}

  /** One read; it may refuse a database it cannot use with {@link Unreadable}. */
  @FunctionalInterface
  interface Read<T> {
    T apply(Connection connection) throws SQLException, Unreadable;
  }

  /**
   * Why the read (or {@link #changeCurrent}'s change) could not be done, in one line for the
   * operator, after the command's name.
   */
  static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreadable(String message) {
      super(message);
    }
  }

  /**
   * Runs {@code read} on {@code relay.db} in {@code dataDir}.
   *
   * @throws Unreadable if the data directory is not one, holds no {@code relay.db}, the file cannot
   *     be read, or {@code read} refuses it
   */
  static <T> T read(Path dataDir, Read<T> read) throws Unreadable {
    return run(
        dataDir,
        () -> Database.openReadOnly(dataDir),
        connection -> {
          connection.setAutoCommit(false);
          try {
            return read.apply(connection);
          } finally {
            connection.rollback();
          }
        });
  }

  /**
   * {@link #readCurrent}, but {@code change} may write: it runs in one transaction that holds the
   * write lock from its start ({@code BEGIN IMMEDIATE}, so that no write of the relay's can come
   * between what it reads and what it writes), committed if it returns, rolled back if it throws.
   *
   * @throws Unreadable as for {@link #read}; saying {@code cannot write the database: ...} if the
   *     transaction fails once the file is open (the write lock stays taken past the wait, the file
   *     or the disk refuses the write, the commit fails): nothing is changed then
   */
  static <T> T changeCurrent(Path dataDir, Read<T> change) throws Unreadable {
    return run(
        dataDir,
        () -> Database.openForChange(dataDir),
        connection -> {
          try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            requireCurrentSchema(connection, dataDir);
            // Closing the connection without a COMMIT rolls the transaction back.
            T result = change.apply(connection);
            statement.execute("COMMIT");
            return result;
          } catch (SQLException e) {
            throw new Unreadable("cannot write the database: " + e.getMessage());
          }
        });
  }

  /** Opens a connection to {@code relay.db}. */
  @FunctionalInterface
  private interface Open {
    Connection open() throws SQLException, NoSuchFileException;
  }

  /** Runs {@code work} on the connection {@code open} opens, once the data directory is checked. */
  private static <T> T run(Path dataDir, Open open, Read<T> work) throws Unreadable {
    try {
      DataDirectory.checkExisting(dataDir);
      DataDirectory.requireReadable(dataDir.resolve(Database.FILE_NAME));
      NativeLibraryFolder.loadForCommand(dataDir);
    } catch (IOException e) {
      throw new Unreadable(e.getMessage());
    }
    try (Connection connection = open.open()) {
      return work.apply(connection);
    } catch (NoSuchFileException e) {
      throw new Unreadable("no " + Database.FILE_NAME + " in " + dataDir);
    } catch (SQLException e) {
      throw new Unreadable("cannot read the database: " + e.getMessage());
    }
  }

  /**
   * {@link #read}, refusing a {@code relay.db} whose schema is not this build's: an older one has
   * not been brought up to date (and this reader must not change it), a newer one may hold what
   * this build cannot read.
   */
  static <T> T readCurrent(Path dataDir, Read<T> read) throws Unreadable {
    return read(
        dataDir,
        connection -> {
          requireCurrentSchema(connection, dataDir);
          return read.apply(connection);
        });
  }

  private static void requireCurrentSchema(Connection connection, Path dataDir)
      throws SQLException, Unreadable {
    int version = Migrations.version(connection);
    int latest = Migrations.latestVersion();
    Path file = dataDir.resolve(Database.FILE_NAME);
    if (version > latest) {
      throw new Unreadable(
          file
              + " has schema version "
              + version
              + ", newer than this build; use the chat-server of the version that wrote it");
    }
    if (version < latest) {
      throw new Unreadable(
          file
              + " has schema version "
              + version
              + ", older than this build's "
              + latest
              + "; start this version of the relay once to upgrade it");
    }
  }
}
