package chat.server.internal.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@code relay.db} and its write queue in a test's own folder, for the storage tests; closed
 * after each test.
 */
final class TestStorage implements AutoCloseable {
  private final Path dataDir;
  private final Database database;
  private final WriteQueue writes;
  private final Checkpointer manualCheckpointer;
  private final List<CountDownLatch> holds = new ArrayList<>();

  private TestStorage(
      Path dataDir, Database database, WriteQueue writes, Checkpointer manualCheckpointer) {
    this.dataDir = dataDir;
    this.database = database;
    this.writes = writes;
    this.manualCheckpointer = manualCheckpointer;
  }

  /**
   * A plain connection to a new {@code relay.db} in {@code dir} at this build's schema, with
   * foreign keys checked, for a repository test that works on the tables alone.
   */
  static Connection migratedConnection(Path dir) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("relay.db"));
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA foreign_keys = ON");
    }
    Migrations.migrate(c);
    return c;
  }

  /** Opens (creating) the database in {@code dataDir}, made owner-only as the relay does. */
  static TestStorage open(Path dataDir) throws Exception {
    FilePermissions.ownerOnlyDirectory(dataDir);
    Database database = Database.open(dataDir);
    return new TestStorage(dataDir, database, new WriteQueue(database), null);
  }

  /** As {@link #open}, with envelope segments of {@code segmentBytes}. */
  static TestStorage openWithSegments(Path dataDir, long segmentBytes) throws Exception {
    FilePermissions.ownerOnlyDirectory(dataDir);
    Database database = Database.open(dataDir, segmentBytes);
    return new TestStorage(dataDir, database, new WriteQueue(database), null);
  }

  /**
   * As {@link #open}, with no checkpoint thread: checkpoints run when the test calls {@link
   * #manualCheckpointer()}; with {@code writerCatchUp} false the writer never finishes one.
   */
  static TestStorage openWithManualCheckpoints(Path dataDir, boolean writerCatchUp)
      throws Exception {
    FilePermissions.ownerOnlyDirectory(dataDir);
    Database database = Database.open(dataDir);
    Checkpointer manual = new Checkpointer(database.checkpoints(), false, writerCatchUp);
    return new TestStorage(dataDir, database, new WriteQueue(database, manual), manual);
  }

  Database database() {
    return database;
  }

  WriteQueue writes() {
    return writes;
  }

  /** The checkpointer of {@link #openWithManualCheckpoints}. */
  Checkpointer manualCheckpointer() {
    return manualCheckpointer;
  }

  /** A message store over this database, sealing under the data directory's at-rest keyset. */
  SqliteMessageStore messageStore() throws IOException {
    return new SqliteMessageStore(
        database,
        writes,
        AtRestKeys.loadOrCreate(dataDir),
        Clock.systemUTC(),
        new ConversationRepository(),
        new MemberRepository(),
        new MessageRepository(database.envelopes()),
        chat.server.RoomLimits.conversationsFitting(4 << 20));
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

  /** The writer held inside a batch of its own: {@code batch} completes true once released. */
  record HeldWriter(CountDownLatch gate, CompletableFuture<Boolean> batch) {
    /** Lets the writer go on. */
    void release() {
      gate.countDown();
    }
  }

  /**
   * Keeps the writer inside a batch of its own (at most 30 s) until the returned hold is released,
   * so that what is queued meanwhile waits for the next batch; returns once the writer is held.
   */
  HeldWriter holdWriter() throws InterruptedException {
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    holds.add(release);
    CompletableFuture<Boolean> batch =
        writes.submit(
            c -> {
              holding.countDown();
              try {
                return release.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
              }
            });
    if (!holding.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the writer never took the hold");
    }
    return new HeldWriter(release, batch);
  }

  /** Releases any writer still held, then closes the write queue and the database. */
  @Override
  public void close() throws SQLException {
    holds.forEach(CountDownLatch::countDown);
    writes.close();
    database.close();
  }
}
