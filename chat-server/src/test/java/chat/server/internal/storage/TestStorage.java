package chat.server.internal.storage;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A {@code relay.db} and its write queue in a test's own folder, for the storage tests; closed
 * after each test.
 */
record TestStorage(Database database, WriteQueue writes) implements AutoCloseable {
  /** Opens (creating) the database in {@code dataDir}, made owner-only as the relay does. */
  static TestStorage open(Path dataDir) throws Exception {
    FilePermissions.ownerOnlyDirectory(dataDir);
    Database database = Database.open(dataDir);
    return new TestStorage(database, new WriteQueue(database));
  }

  /** Runs {@code sql}, in order, as one write, and waits for its commit. */
  void execute(String... sql) {
    writes
        .submit(
            c -> {
              try (Statement statement = c.createStatement()) {
                for (String each : sql) {
                  statement.execute(each);
                }
              }
              return null;
            })
        .join();
  }

  @Override
  public void close() throws SQLException {
    writes.close();
    database.close();
  }
}
