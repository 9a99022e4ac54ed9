package chat.server.internal.cli;

import chat.server.internal.storage.DataDirectory;
import chat.server.internal.storage.Database;
import chat.server.internal.storage.Migrations;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Reads {@code relay.db} for an operator command ({@code audit}, {@code users}): read-only, so it
 * never creates, migrates or changes anything and is safe while the relay runs (WAL lets a reader
 * in beside the writer), and in one transaction, so that every count comes from the same moment.
 */
final class DatabaseReader {
  private DatabaseReader() {}

  /** One read; it may refuse a database it cannot use with {@link Unreadable}. */
  @FunctionalInterface
  interface Read<T> {
    T apply(Connection connection) throws SQLException, Unreadable;
  }

  /** Why the read could not be done, in one line for the operator, after the command's name. */
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
    try {
      DataDirectory.checkExisting(dataDir);
    } catch (IOException e) {
      throw new Unreadable(e.getMessage());
    }
    try (Connection connection = Database.openReadOnly(dataDir)) {
      connection.setAutoCommit(false);
      try {
        return read.apply(connection);
      } finally {
        connection.rollback();
      }
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
      throw new Unreadable(file + " has schema version " + version + ", newer than this build");
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
