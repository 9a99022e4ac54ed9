package chat.server.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Committed frames reach {@code relay.db} and the WAL starts over without the writer's own
 * checkpoint, which these tests switch off.
 */
class CheckpointerTest {
  private static final int ROW_BYTES = 256 * 1024;
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dataDir;
  private TestStorage storage;
  private Database database;
  private WriteQueue writes;

  @BeforeEach
  void open() throws Exception {
    storage = TestStorage.open(dataDir);
    database = storage.database();
    writes = storage.writes();
    storage.execute("PRAGMA wal_autocheckpoint = 0", "CREATE TABLE blobs (b BLOB NOT NULL)");
  }

  @AfterEach
  void close() throws Exception {
    storage.close();
  }

  /** Commits {@code rows} rows of random bytes, one write (and mostly one commit) each. */
  private void writeRows(int rows) {
    for (int i = 0; i < rows; i++) {
      insert(writes, randomBytes(ROW_BYTES)).join();
    }
  }

  /** Queues the insert of {@code row} into {@code blobs}. */
  private static CompletableFuture<Void> insert(WriteQueue queue, byte[] row) {
    return queue.submit(
        c -> {
          insert(c, row);
          return null;
        });
  }

  private static void insert(Connection c, byte[] row) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO blobs (b) VALUES (?)")) {
      s.setBytes(1, row);
      s.executeUpdate();
    }
  }

  private long databaseFileBytes() throws Exception {
    return Files.size(database.file());
  }

  private Path wal() {
    return database.file().resolveSibling(Database.FILE_NAME + "-wal");
  }

  /** Waits up to 30 s for relay.db to hold at least {@code bytes}. */
  private void awaitDatabaseFile(long bytes) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (databaseFileBytes() < bytes && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(databaseFileBytes()).isGreaterThanOrEqualTo(bytes);
  }

  @Test
  void commits_reachTheDatabaseFile_withoutTheWritersCheckpoint() throws Exception {
    long before = databaseFileBytes();

    writeRows(40);

    awaitDatabaseFile(before + 40L * ROW_BYTES);
    int rows =
        database.read(
            c -> {
              try (Statement statement = c.createStatement();
                  ResultSet result = statement.executeQuery("SELECT count(*) FROM blobs")) {
                result.next();
                return result.getInt(1);
              }
            });
    assertThat(rows).isEqualTo(40);
  }

  @Test
  void theWalStartsOver_onceCheckpointed_insteadOfGrowing() throws Exception {
    writeRows(40);
    long salt = walSalt();

    // SQLite starts the WAL over (a new salt in its header) at the first write after a checkpoint
    // has copied all of it; a write every 400 ms gives the thread time to, however slow the disk.
    boolean startedOver = false;
    for (int i = 0; i < 50 && !startedOver; i++) {
      Thread.sleep(400);
      writeRows(1);
      startedOver = walSalt() != salt;
    }

    assertThat(startedOver).isTrue();
  }

  @Test
  void catchUp_aPassEndsWhileTheWriterIsInATransaction_theWriterCopiesTheRest_andTheWalStartsOver()
      throws Exception {
    assertThat(walStartsOverAfterAPassDuringATransaction(true)).isTrue();
  }

  @Test
  void noCatchUp_aPassEndsWhileTheWriterIsInATransaction_theWalGoesOn() throws Exception {
    // What the writer's catch-up is for: with commits always under way, something is left to copy
    // whenever the writer begins, and SQLite starts the WAL over only when nothing is.
    assertThat(walStartsOverAfterAPassDuringATransaction(false)).isFalse();
  }

  /**
   * Fills the WAL past {@link Checkpointer#RESTART_FRAMES} in a database of its own whose
   * checkpoints run only when called, then runs a pass while a write's transaction is open (all
   * committed frames copied, that write's still to come), and writes once more; whether the WAL
   * started over (a new salt), with the writer's catch-up on or off.
   */
  private boolean walStartsOverAfterAPassDuringATransaction(boolean catchUp) throws Exception {
    try (TestStorage own =
        TestStorage.openWithManualCheckpoints(dataDir.resolve("manual"), catchUp)) {
      own.execute("PRAGMA wal_autocheckpoint = 0", "CREATE TABLE blobs (b BLOB NOT NULL)");
      int rowBytes = 1024 * 1024;
      long rows = Checkpointer.RESTART_FRAMES * Database.PAGE_BYTES / rowBytes + 1;
      for (int i = 0; i < rows; i++) {
        insert(own.writes(), randomBytes(rowBytes)).join();
      }
      Path wal = own.database().file().resolveSibling(Database.FILE_NAME + "-wal");
      own.writes()
          .submit(
              c -> {
                insert(c, randomBytes(rowBytes));
                own.manualCheckpointer().checkpoint(); // every committed frame; this write's next
                return null;
              })
          .join();
      long salt = walSalt(wal);
      insert(own.writes(), randomBytes(1024)).join();
      return walSalt(wal) != salt;
    }
  }

  private static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  /** Salt-1 and salt-2 of the WAL header (bytes 16 to 23): they change when the WAL starts over. */
  private long walSalt() throws Exception {
    return walSalt(wal());
  }

  private static long walSalt(Path wal) throws Exception {
    try (InputStream in = Files.newInputStream(wal)) {
      byte[] header = in.readNBytes(24);
      assertThat(header).hasSize(24);
      return ByteBuffer.wrap(header, 16, 8).getLong();
    }
  }

  @Test
  void close_stopsTheThread() throws Exception {
    writeRows(2);
    long running = checkpointThreads();

    writes.close();

    assertThat(checkpointThreads()).isEqualTo(running - 1);
  }

  private static long checkpointThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("relay-db-checkpoint"))
        .filter(Thread::isAlive)
        .count();
  }
}
