package chat.server.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.protocol.ErrorCode;
import chat.server.internal.relay.RelayException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The group commit's promise that a write which throws is undone alone, wherever it falls in its
 * batch: first (where the batch's transaction stands in for its savepoint) or later.
 */
class WriteQueueTest {
  @TempDir Path dataDir;
  private TestStorage storage;
  private Database database;
  private WriteQueue writes;

  @BeforeEach
  void open() throws Exception {
    storage = TestStorage.open(dataDir);
    database = storage.database();
    writes = storage.writes();
    storage.execute("CREATE TABLE t (x TEXT NOT NULL)");
  }

  @AfterEach
  void close() throws Exception {
    storage.close();
  }

  /** A write that inserts {@code value}, then refuses itself if {@code fail}. */
  private CompletableFuture<String> insert(String value, boolean fail) {
    return writes.submit(
        c -> {
          try (PreparedStatement s = c.prepareStatement("INSERT INTO t (x) VALUES (?)")) {
            s.setString(1, value);
            s.executeUpdate();
          }
          if (fail) {
            throw new RelayException(ErrorCode.DUPLICATE_MESSAGE);
          }
          return value;
        });
  }

  private List<String> stored() throws Exception {
    return database.read(
        c -> {
          List<String> out = new ArrayList<>();
          try (Statement statement = c.createStatement();
              ResultSet rows = statement.executeQuery("SELECT x FROM t ORDER BY rowid")) {
            while (rows.next()) {
              out.add(rows.getString(1));
            }
          }
          return out;
        });
  }

  /**
   * Submits inserts of {@code values} (one ending in {@code !} refuses itself after inserting)
   * while the writer is held inside a batch of its own, so that they are committed together as the
   * next batch, in this order.
   */
  private List<CompletableFuture<String>> oneBatch(String... values) throws Exception {
    List<Supplier<CompletableFuture<String>>> batch = new ArrayList<>();
    for (String value : values) {
      batch.add(() -> insert(value.replace("!", ""), value.endsWith("!")));
    }
    return oneBatch(batch);
  }

  private List<CompletableFuture<String>> oneBatch(List<Supplier<CompletableFuture<String>>> batch)
      throws Exception {
    TestStorage.HeldWriter held = storage.holdWriter();
    List<CompletableFuture<String>> futures = new ArrayList<>();
    for (Supplier<CompletableFuture<String>> write : batch) {
      futures.add(write.get());
    }
    held.release();
    assertThat(held.batch().join()).isTrue();
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
        .exceptionally(ignored -> null)
        .join();
    return futures;
  }

  private static void assertRefused(CompletableFuture<String> future) {
    assertThatThrownBy(future::join)
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(RelayException.class)
        .satisfies(
            e -> assertThat(((RelayException) e).code()).isEqualTo(ErrorCode.DUPLICATE_MESSAGE));
  }

  /**
   * Another connection's short writes ({@code users set-limit} and the like, run beside the relay)
   * fail none of the writer's batches, whose writes read before they write: the writer holds the
   * write lock from each batch's start, and waits for theirs.
   */
  @Test
  void writesThatReadFirst_besideAnotherConnectionsWrites_noneFails() throws Exception {
    storage.execute("CREATE TABLE other (x INTEGER NOT NULL)");
    List<CompletableFuture<Long>> sent = new ArrayList<>();
    try (Connection operator = Database.openForChange(dataDir);
        Statement s = operator.createStatement()) {
      for (int i = 0; i < 200; i++) {
        sent.add(
            writes.submit(
                c -> {
                  long before;
                  try (Statement read = c.createStatement();
                      ResultSet r = read.executeQuery("SELECT count(*) FROM t")) {
                    before = r.getLong(1);
                  }
                  LockSupport.parkNanos(200_000); // the other connection may commit meanwhile
                  try (PreparedStatement insert =
                      c.prepareStatement("INSERT INTO t (x) VALUES (?)")) {
                    insert.setString(1, "after " + before);
                    insert.executeUpdate();
                  }
                  return before;
                }));
        s.execute("BEGIN IMMEDIATE");
        s.execute("INSERT INTO other (x) VALUES (" + i + ")");
        s.execute("COMMIT");
      }
    }
    for (CompletableFuture<Long> write : sent) {
      assertThat(write).succeedsWithin(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void aWriteThrowsAnError_itFailsAlone_andTheWriterGoesOn() throws Exception {
    CompletableFuture<Object> failing =
        writes.submit(
            c -> {
              throw new OutOfMemoryError("for this test");
            });
    CompletableFuture<String> later = insert("after", false);

    assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(RelayException.class);
    assertThat(later.get(10, TimeUnit.SECONDS)).isEqualTo("after");
  }

  @Test
  void firstWriteOfABatchFails_itAloneIsUndone_theRestCommit() throws Exception {
    long rollbacks = writes.rollbacks();

    List<CompletableFuture<String>> futures = oneBatch("a!", "b", "c");

    assertRefused(futures.get(0));
    assertThat(futures.get(1).join()).isEqualTo("b");
    assertThat(futures.get(2).join()).isEqualTo("c");
    assertThat(stored()).containsExactly("b", "c");
    assertThat(writes.rollbacks()).isNotEqualTo(rollbacks);
  }

  @Test
  void firstTwoWritesOfABatchFail_bothUndone_theRestCommit() throws Exception {
    List<CompletableFuture<String>> futures = oneBatch("a!", "b!", "c", "d!", "e");

    assertRefused(futures.get(0));
    assertRefused(futures.get(1));
    assertRefused(futures.get(3));
    assertThat(stored()).containsExactly("c", "e");
  }

  @Test
  void laterWriteOfABatchFails_itAloneIsUndone_theRestCommit() throws Exception {
    long rollbacks = writes.rollbacks();

    List<CompletableFuture<String>> futures = oneBatch("a", "b!", "c");

    assertThat(futures.get(0).join()).isEqualTo("a");
    assertRefused(futures.get(1));
    assertThat(futures.get(2).join()).isEqualTo("c");
    assertThat(stored()).containsExactly("a", "c");
    assertThat(writes.rollbacks()).isNotEqualTo(rollbacks);
  }

  @Test
  void writesAloneInTheirBatch_aFailureIsUndone_theNextCommits() throws Exception {
    long rollbacks = writes.rollbacks();

    assertRefused(insert("a", true));
    assertThat(insert("b", false).join()).isEqualTo("b");
    assertRefused(insert("c", true));

    assertThat(stored()).containsExactly("b");
    assertThat(writes.rollbacks()).isEqualTo(rollbacks + 2);
  }

  @Test
  void sqliteEndsTheTransactionDuringTheFirstWrite_theWholeBatchIsRefused_nothingStored()
      throws Exception {
    long rollbacks = writes.rollbacks();
    // As SQLite does after a full disk or an I/O error, to a write that then carries on.
    Supplier<CompletableFuture<String>> rolledBackUnderneath =
        () ->
            writes.submit(
                c -> {
                  try (Statement statement = c.createStatement()) {
                    statement.execute("INSERT INTO t (x) VALUES ('a')");
                    statement.execute("ROLLBACK");
                  }
                  return "a";
                });

    List<CompletableFuture<String>> futures =
        oneBatch(List.of(rolledBackUnderneath, () -> insert("b", false)));

    for (CompletableFuture<String> future : futures) {
      assertThat(future).isCompletedExceptionally();
    }
    assertThat(stored()).isEmpty();
    assertThat(writes.rollbacks()).isNotEqualTo(rollbacks);
    assertThat(insert("c", false).join()).isEqualTo("c");
    assertThat(stored()).containsExactly("c");
  }

  @Test
  void aBatchWithoutFailures_commitsEveryWrite_andCountsNoRollback() throws Exception {
    long rollbacks = writes.rollbacks();

    List<CompletableFuture<String>> futures = oneBatch("a", "b", "c");

    for (CompletableFuture<String> future : futures) {
      assertThat(future).isCompleted();
    }
    assertThat(stored()).containsExactly("a", "b", "c");
    assertThat(writes.rollbacks()).isEqualTo(rollbacks);
  }

  @Test
  void writing_trueWhileABatchRuns_falseOnceItIsCommitted() throws Exception {
    awaitNotWriting(); // the set-up's batch may still be ending

    TestStorage.HeldWriter held = storage.holdWriter();
    assertThat(writes.writing()).isTrue();
    held.release();
    assertThat(held.batch().join()).isTrue();

    awaitNotWriting();
  }

  /** Waits up to 10 s for the writer to be out of its batch; fails if it is not. */
  private void awaitNotWriting() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (writes.writing() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(writes.writing()).isFalse();
  }

  private static byte[] filled(int fill) {
    byte[] bytes = new byte[100];
    Arrays.fill(bytes, (byte) fill);
    return bytes;
  }

  /**
   * A write that appends 100 bytes of {@code fill} to the envelope log, as a message's does, then
   * refuses itself if {@code fail}; it returns where they went.
   */
  private CompletableFuture<String> appendEnvelope(int fill, boolean fail) {
    return writes.submit(
        c -> {
          EnvelopeLog.Place place;
          try {
            place = database.envelopes().append(filled(fill));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          if (fail) {
            throw new RelayException(ErrorCode.DUPLICATE_MESSAGE);
          }
          return place.segment() + "/" + place.offset();
        });
  }

  @Test
  void aRefusedWritesEnvelope_isGivenBack_theNextWriteTakesItsPlace() throws Exception {
    EnvelopeLog.Mark start = database.envelopes().mark();
    List<CompletableFuture<String>> futures =
        oneBatch(
            List.of(
                () -> appendEnvelope(1, false),
                () -> appendEnvelope(2, true),
                () -> appendEnvelope(3, false)));

    assertThat(futures.get(0).join()).isEqualTo(start.segment() + "/" + start.position());
    assertRefused(futures.get(1));
    assertThat(futures.get(2).join()).isEqualTo(start.segment() + "/" + (start.position() + 100));
    assertThat(
            database
                .envelopes()
                .read(new EnvelopeLog.Place(start.segment(), start.position() + 100, 100)))
        .isEqualTo(filled(3));
    EnvelopeLog.Mark next = database.envelopes().mark();
    assertThat(next.position())
        .as("the next batch begins at the first multiple of the alignment after c")
        .isEqualTo(EnvelopeLog.roundUp(start.position() + 200, database.envelopes().alignment()));
  }

  @Test
  void aWriteTheEnvelopeLogCannotTake_isRefusedAsStorageUnavailable() {
    CompletableFuture<String> refused =
        writes.submit(
            c -> {
              throw new UncheckedIOException(new IOException("No space left on device"));
            });
    assertThatThrownBy(refused::join)
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(RelayException.class)
        .satisfies(
            e -> assertThat(((RelayException) e).code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE));
  }
}
