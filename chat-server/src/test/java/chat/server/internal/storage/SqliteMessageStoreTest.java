package chat.server.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import chat.crypto.Bytes;
import chat.protocol.ErrorCode;
import chat.server.internal.relay.MessageStore.Row;
import chat.server.internal.relay.MessageStore.Stored;
import chat.server.internal.relay.RelayException;
import chat.server.internal.storage.EnvelopeLog.Place;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Messages sealed for storage before their turn on the writer: whether the writer uses the early
 * seal or seals again, every row opens under its own number and the numbers have no gaps.
 */
class SqliteMessageStoreTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dataDir;
  private TestStorage storage;
  private SqliteMessageStore store;

  @BeforeEach
  void open() throws Exception {
    storage = TestStorage.open(dataDir);
    store = storage.messageStore();
  }

  @AfterEach
  void close() throws Exception {
    storage.close();
  }

  private static Bytes random(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return Bytes.of(bytes);
  }

  private CompletableFuture<Stored> append(Bytes messageId, Bytes envelope) {
    return store.append("#room", List.of(), messageId, envelope);
  }

  private List<Row> stored() {
    return store.after("#room", 0, 500);
  }

  /** A row's envelope, read now. */
  private static Bytes envelopeOf(Row row) {
    return row.envelope().orElseThrow();
  }

  /** A room with members alice and bob. */
  private void room() {
    storage.execute(
        "INSERT INTO users (user_key, username, password_hash, bundle, created_at)"
            + " VALUES ('alice', 'alice', 'unused', x'00', 1), ('bob', 'bob', 'unused', x'00', 1)");
    storage
        .writes()
        .submit(
            c -> {
              new ConversationRepository().ensure(c, "#room", 1);
              new MemberRepository().add(c, "#room", "alice", 1);
              new MemberRepository().add(c, "#room", "bob", 1);
              return null;
            })
        .join();
  }

  private CompletableFuture<Stored> appendTo(Set<String> recipients) {
    return store.appendForMembers("#room", List.of(), recipients, random(16), random(300));
  }

  @Test
  void appendForMembers_recipientsVouchedForAhead_storedWithoutALookUpOnTheWriter()
      throws Exception {
    room();
    appendTo(Set.of("alice", "bob")).join(); // the writer's first copy of the member set
    MemberKeysCache.Copy copy = storage.writes().submit(c -> memberKeys().copy(c, "#room")).join();

    assertThat(memberKeys().vouch("#room", Set.of("alice", "bob"))).isSameAs(copy);
    assertThat(appendTo(Set.of("alice", "bob")).join().seq()).isEqualTo(2);
    Throwable refused = catchThrowable(() -> appendTo(Set.of("alice", "carol")).join());
    assertThat(refused.getCause())
        .isInstanceOfSatisfying(
            RelayException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.RECIPIENT_NOT_MEMBER));
  }

  @Test
  void appendForMembers_memberRemovedAfterItWasVouchedFor_refusedByTheWriter() throws Exception {
    room();
    appendTo(Set.of("alice", "bob")).join();
    TestStorage.HeldWriter writer = storage.holdWriter();
    CompletableFuture<Boolean> removal =
        storage.writes().submit(c -> new MemberRepository().remove(c, "#room", "bob"));
    // Checked now, against the copy from before the removal, which runs first on the writer.
    CompletableFuture<Stored> vouched = appendTo(Set.of("alice", "bob"));
    writer.release();

    assertThat(removal.join()).isTrue();
    Throwable refused = catchThrowable(vouched::join);
    assertThat(refused.getCause())
        .isInstanceOfSatisfying(
            RelayException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.RECIPIENT_NOT_MEMBER));
    assertThat(stored()).hasSize(1);
  }

  /**
   * A copy of a stored message, queued while its first copy was still being written, is refused as
   * a duplicate (which the relay answers as a copy) even if a recipient left in between: refused as
   * not a member, the client would seal it again and it would be stored twice.
   */
  @Test
  void appendForMembers_copyOfAStoredMessage_recipientLeftMeanwhile_refusedAsADuplicate()
      throws Exception {
    room();
    Bytes id = random(16);
    Bytes envelope = random(300);
    TestStorage.HeldWriter writer = storage.holdWriter();
    CompletableFuture<Stored> first =
        store.appendForMembers("#room", List.of(), Set.of("alice", "bob"), id, envelope);
    CompletableFuture<Boolean> removal =
        storage.writes().submit(c -> new MemberRepository().remove(c, "#room", "bob"));
    CompletableFuture<Stored> copy =
        store.appendForMembers("#room", List.of(), Set.of("alice", "bob"), id, envelope);
    writer.release();

    assertThat(first.join().seq()).isEqualTo(1);
    assertThat(removal.join()).isTrue();
    Throwable refused = catchThrowable(copy::join);
    assertThat(refused.getCause())
        .isInstanceOfSatisfying(
            RelayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_MESSAGE));
    assertThat(stored()).hasSize(1);
  }

  private MemberKeysCache memberKeys() {
    return store.memberKeys();
  }

  @Test
  void appendForMembers_onCommit_calledInCommitOrderBeforeTheFutureCompletes() throws Exception {
    room();
    List<Long> committed = new CopyOnWriteArrayList<>();
    List<CompletableFuture<Boolean>> seenFirst = new ArrayList<>();
    TestStorage.HeldWriter writer = storage.holdWriter();
    for (int i = 0; i < 20; i++) {
      CompletableFuture<Stored> future =
          store.appendForMembers(
              "#room",
              List.of(),
              Set.of("alice", "bob"),
              random(16),
              random(300),
              "alice",
              stored -> committed.add(stored.seq()));
      seenFirst.add(future.thenApply(stored -> committed.contains(stored.seq())));
    }
    writer.release(); // all twenty commit in one or two batches

    for (CompletableFuture<Boolean> each : seenFirst) {
      assertThat(each.join()).isTrue();
    }
    assertThat(committed).containsExactlyElementsOf(LongStream.rangeClosed(1, 20).boxed().toList());
  }

  @Test
  void append_manyThreadsWhileTheWriterIsBusy_everyEarlySealUsed_numbersWithoutGaps()
      throws Exception {
    append(random(16), random(2048)).join(); // the first number the relay assigns is not guessed
    TestStorage.HeldWriter writer = storage.holdWriter();
    List<Bytes> envelopes = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      envelopes.add(random(1000 + i));
    }
    ExecutorService threads = Executors.newFixedThreadPool(4);
    List<Future<CompletableFuture<Stored>>> queued = new ArrayList<>();
    try {
      for (Bytes envelope : envelopes) {
        queued.add(threads.submit(() -> append(random(16), envelope)));
      }
      List<CompletableFuture<Stored>> writes = new ArrayList<>();
      for (Future<CompletableFuture<Stored>> each : queued) {
        writes.add(each.get());
      }
      writer.release();
      writes.forEach(CompletableFuture::join);
    } finally {
      threads.shutdownNow();
    }

    List<Row> rows = stored();
    assertThat(rows)
        .extracting(Row::seq)
        .containsExactly(LongStream.rangeClosed(1, 41).boxed().toArray(Long[]::new));
    assertThat(rows.subList(1, 41))
        .extracting(SqliteMessageStoreTest::envelopeOf)
        .containsExactlyInAnyOrderElementsOf(envelopes);
    assertThat(store.seqGuesses().usedEarly()).isEqualTo(40);
    assertThat(store.seqGuesses().sealedByWriter()).isEqualTo(1);
    assertThat(store.seqGuesses().waitingBytes()).isZero();
  }

  @Test
  void find_byMessageId_givesItsRowAndEnvelope_orNothing() throws Exception {
    append(random(16), random(300)).join();
    Bytes id = random(16);
    Bytes envelope = random(400);
    Stored stored = append(id, envelope).join();

    Row found = store.find(id).orElseThrow();
    assertThat(found.conversation()).isEqualTo("#room");
    assertThat(found.seq()).isEqualTo(2).isEqualTo(stored.seq());
    assertThat(found.storedAtMillis()).isEqualTo(stored.storedAtMillis());
    assertThat(found.messageId()).isEqualTo(id);
    assertThat(envelopeOf(found)).isEqualTo(envelope);
    assertThat(store.find(random(16))).isEmpty();
  }

  @Test
  void append_refusedMessageAhead_laterOnesSealedAgainForTheirNumber_noGap() throws Exception {
    Bytes taken = random(16);
    append(taken, random(500)).join();
    TestStorage.HeldWriter writer = storage.holdWriter();
    CompletableFuture<Stored> duplicate = append(taken, random(500));
    Bytes second = random(600);
    Bytes third = random(700);
    CompletableFuture<Stored> secondWrite = append(random(16), second);
    CompletableFuture<Stored> thirdWrite = append(random(16), third);
    writer.release();

    Throwable refused = catchThrowable(duplicate::join);
    assertThat(refused).isInstanceOf(CompletionException.class);
    assertThat(((RelayException) refused.getCause()).code()).isEqualTo(ErrorCode.DUPLICATE_MESSAGE);
    assertThat(secondWrite.join().seq()).isEqualTo(2);
    assertThat(thirdWrite.join().seq()).isEqualTo(3);
    List<Row> rows = stored();
    assertThat(rows).extracting(Row::seq).containsExactly(1L, 2L, 3L);
    assertThat(envelopeOf(rows.get(1))).isEqualTo(second);
    assertThat(envelopeOf(rows.get(2))).isEqualTo(third);
    assertThat(store.seqGuesses().usedEarly()).isZero();
    assertThat(store.seqGuesses().waitingBytes()).isZero();

    TestStorage.HeldWriter again = storage.holdWriter();
    CompletableFuture<Stored> fourth = append(random(16), random(100));
    again.release();
    assertThat(fourth.join().seq()).isEqualTo(4);
    assertThat(store.seqGuesses().usedEarly()).isEqualTo(1); // guessing is right again
  }

  private List<long[]> places() throws Exception {
    return storage
        .database()
        .read(
            c -> {
              List<long[]> out = new ArrayList<>();
              try (Statement s = c.createStatement();
                  ResultSet r =
                      s.executeQuery(
                          "SELECT length(sealed), segment, place, length FROM messages ORDER BY"
                              + " rowid")) {
                while (r.next()) {
                  out.add(new long[] {r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4)});
                }
              }
              return out;
            });
  }

  @Test
  void append_theSealedEnvelopeLiesInTheEnvelopeLog_relayDbHoldsItsPlace() throws Exception {
    Bytes envelope = random(50_000);
    append(random(16), envelope).join();
    append(random(16), random(70_000)).join();

    List<long[]> places = places();
    int align = storage.database().envelopes().alignment();
    assertThat(places).hasSize(2);
    assertThat(places.get(0)).as("no sealed bytes in the row").startsWith(0L, 0L, 0L);
    assertThat(places.get(0)[3]).as("sealed: 33 bytes more").isEqualTo(50_033);
    assertThat(places.get(1)).startsWith(0L, 0L, EnvelopeLog.roundUp(50_033, align));
    Path segment = dataDir.resolve(EnvelopeLog.DIRECTORY).resolve("0000000000000000.seg");
    assertThat(Files.size(segment))
        .isEqualTo(EnvelopeLog.roundUp(50_033, align) + EnvelopeLog.roundUp(70_033, align));
    assertThat(envelopeOf(stored().get(0))).isEqualTo(envelope);
  }

  @Test
  void deletingAConversationsMessages_erasesTheirEnvelopesOnceCommitted() throws Exception {
    for (int i = 0; i < 3; i++) {
      append(random(16), random(10_000)).join();
    }
    store.append("#other", List.of(), random(16), random(10_000)).join();
    MessageRepository messages = new MessageRepository(storage.database().envelopes());
    List<long[]> places = places();

    storage.writes().submit(c -> messages.deleteAll(c, "#room")).join();
    storage.writes().submit(c -> null).join(); // the writer erases right after that commit

    byte[] segment =
        Files.readAllBytes(dataDir.resolve(EnvelopeLog.DIRECTORY).resolve("0000000000000000.seg"));
    for (long[] place : places.subList(0, 3)) {
      assertThat(Arrays.copyOfRange(segment, (int) place[2], (int) (place[2] + place[3])))
          .containsOnly(0);
    }
    long[] other = places.get(3);
    assertThat(Arrays.copyOfRange(segment, (int) other[2], (int) (other[2] + other[3])))
        .as("another conversation's envelope")
        .isNotEqualTo(new byte[(int) other[3]]);
    assertThat(stored()).isEmpty();
    assertThat(store.after("#other", 0, 10)).hasSize(1);
  }

  @Test
  void deletingOneMessage_erasesItsEnvelopeOnceCommitted_keepsItsRow_andOnlyInItsConversation()
      throws Exception {
    List<Bytes> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(random(16));
      append(ids.get(i), random(10_000)).join();
    }
    MessageRepository messages = new MessageRepository(storage.database().envelopes());
    List<long[]> places = places();

    assertThat(storage.writes().submit(c -> messages.delete(c, "#other", ids.get(1), 5L)).join())
        .as("not a message of #other")
        .isFalse();
    assertThat(storage.writes().submit(c -> messages.delete(c, "#room", ids.get(1), 5L)).join())
        .isTrue();
    assertThat(storage.writes().submit(c -> messages.delete(c, "#room", ids.get(1), 5L)).join())
        .as("gone already")
        .isFalse();
    storage.writes().submit(c -> null).join(); // the writer erases right after that commit

    byte[] segment =
        Files.readAllBytes(dataDir.resolve(EnvelopeLog.DIRECTORY).resolve("0000000000000000.seg"));
    for (int i = 0; i < 3; i++) {
      long[] place = places.get(i);
      byte[] bytes = Arrays.copyOfRange(segment, (int) place[2], (int) (place[2] + place[3]));
      if (i == 1) {
        assertThat(bytes).as("the deleted envelope").containsOnly(0);
      } else {
        assertThat(bytes).as("envelope %d", i).isNotEqualTo(new byte[(int) place[3]]);
      }
    }
    assertThat(stored())
        .as("the deleted message's row stays, with its number and id")
        .extracting(Row::messageId, Row::deleted)
        .containsExactly(
            tuple(ids.get(0), false), tuple(ids.get(1), true), tuple(ids.get(2), false));
    assertThat(stored().get(1).envelope()).isEmpty();
    assertThat(places().get(1)).as("no envelope left in the row").startsWith(0L, 0L, 0L, 0L);
    assertThat(append(ids.get(1), random(100)))
        .as("its id stays taken")
        .failsWithin(java.time.Duration.ofSeconds(10));
  }

  /** What the store logs (from DEBUG up) while {@code reads} runs. */
  private static List<ILoggingEvent> logsOf(Runnable reads) {
    Logger logger = (Logger) LoggerFactory.getLogger(SqliteMessageStore.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    Level level = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    logger.addAppender(logged);
    try {
      reads.run();
    } finally {
      logger.detachAppender(logged);
      logger.setLevel(level);
    }
    return logged.list;
  }

  @Test
  void rows_anEnvelopeMovedSinceItWasListed_isReadFromItsNewPlace() throws Exception {
    Bytes first = random(10_000);
    append(random(16), first).join();
    append(random(16), random(10_000)).join();
    List<Row> listed = stored();
    EnvelopeLog envelopes = storage.database().envelopes();
    long[] old = places().get(0);
    // What a step of compaction does: the envelope copied to the end of the log, its row pointed
    // at the copy in the same commit, the old copy overwritten with zeros once that committed.
    storage
        .writes()
        .submit(
            c -> {
              try (PreparedStatement s =
                  c.prepareStatement("UPDATE messages SET segment = ?, place = ? WHERE seq = 1")) {
                Place copy =
                    envelopes.append(envelopes.read(new Place(old[1], old[2], (int) old[3])));
                s.setLong(1, copy.segment());
                s.setLong(2, copy.offset());
                s.executeUpdate();
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
              return null;
            })
        .join();
    try (FileChannel segment =
        FileChannel.open(envelopes.file(old[1]), java.nio.file.StandardOpenOption.WRITE)) {
      segment.write(java.nio.ByteBuffer.allocate((int) old[3]), old[2]);
    }
    assertThat(places().get(0)[2]).as("moved").isNotEqualTo(old[2]);

    List<ILoggingEvent> logged = logsOf(() -> assertThat(listed.get(0).envelope()).contains(first));

    assertThat(logged).as("nothing is wrong").isEmpty();
  }

  @Test
  void deletingAConversationsMessages_theIdleWriterCompactsWhatIsLeftOfTheirSegments()
      throws Exception {
    storage.close();
    storage = TestStorage.openWithSegments(dataDir.resolve("small"), 64 * 1024);
    store = storage.messageStore();
    Path folder = dataDir.resolve("small").resolve(EnvelopeLog.DIRECTORY);
    List<Bytes> kept = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      append(random(16), random(10_000)).join(); // four to five messages to a segment
      Bytes other = random(3_000);
      store.append("#other", List.of(), random(16), other).join();
      kept.add(other);
    }
    List<Long> before = segmentsIn(folder);
    long current = before.get(before.size() - 1);
    MessageRepository messages = new MessageRepository(storage.database().envelopes());

    storage.writes().submit(c -> messages.deleteAll(c, "#room")).join();

    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    List<Long> left = segmentsIn(folder);
    while (left.get(0) < current && System.nanoTime() < deadline) {
      Thread.sleep(20);
      left = segmentsIn(folder);
    }
    assertThat(before).hasSizeGreaterThanOrEqualTo(4);
    assertThat(left)
        .as("every segment the log had moved past, three quarters zeros, compacted away")
        .allMatch(segment -> segment >= current);
    assertThat(store.after("#other", 0, 100))
        .extracting(SqliteMessageStoreTest::envelopeOf)
        .isEqualTo(kept);
  }

  @Test
  void aBatchThatClosesASegment_listsItForCompactionInItsOwnCommit() throws Exception {
    storage.close();
    storage = TestStorage.openWithSegments(dataDir.resolve("closing"), 64 * 1024);
    WriteQueue.Write<Place> append = appendWithoutRow(storage.database().envelopes());
    storage.writes().submit(append).join();
    CompletableFuture<List<Long>> listedAtCommit = new CompletableFuture<>();

    Place second =
        storage
            .writes()
            .submit(
                append,
                place -> {
                  try { // on the writer thread, before anything that follows the commit
                    listedAtCommit.complete(
                        storage.database().read(SqliteMessageStoreTest::listed));
                  } catch (SQLException e) {
                    listedAtCommit.completeExceptionally(e);
                  }
                })
            .join();

    assertThat(second.segment()).isEqualTo(1);
    assertThat(listedAtCommit.join()).containsExactly(0L);
  }

  @Test
  void listingAClosedSegmentFails_theBatchCommitsAnyway_andALaterCommitListsIt() throws Exception {
    storage.close();
    storage = TestStorage.openWithSegments(dataDir.resolve("unlisted"), 64 * 1024);
    WriteQueue.Write<Place> append = appendWithoutRow(storage.database().envelopes());
    storage.execute(
        "CREATE TRIGGER unlisted BEFORE INSERT ON envelope_compactions"
            + " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
    storage.writes().submit(append).join();

    Place second = storage.writes().submit(append).join(); // closes segment 0

    assertThat(second.segment()).isEqualTo(1);
    assertThat(storage.database().read(SqliteMessageStoreTest::listed)).isEmpty();
    storage.execute("DROP TRIGGER unlisted");
    storage.writes().submit(c -> null).join();
    assertThat(storage.database().read(SqliteMessageStoreTest::listed)).containsExactly(0L);
  }

  /** A write that appends 40,000 bytes to {@code envelopes}, with no row for them. */
  private static WriteQueue.Write<Place> appendWithoutRow(EnvelopeLog envelopes) {
    return c -> {
      try {
        return envelopes.append(new byte[40_000]);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
  }

  private static List<Long> listed(Connection c) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT segment FROM envelope_compactions ORDER BY 1")) {
      while (r.next()) {
        out.add(r.getLong(1));
      }
    }
    return out;
  }

  @Test
  void aWriterThatNeverIdles_stillCompacts_aStepAfterABatch() throws Exception {
    storage.close();
    storage = TestStorage.openWithSegments(dataDir.resolve("busy"), 64 * 1024);
    store = storage.messageStore();
    Path folder = dataDir.resolve("busy").resolve(EnvelopeLog.DIRECTORY);
    List<Bytes> kept = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      append(random(16), random(12_000)).join(); // five to a segment
      if (i % 5 == 0) {
        Bytes other = random(1_000); // one to a segment: a step moves it
        store.append("#other", List.of(), random(16), other).join();
        kept.add(other);
      }
    }
    append(random(16), random(60_000)).join(); // the log moves past both
    List<Long> before = segmentsIn(folder);
    long current = before.get(before.size() - 1);
    MessageRepository messages = new MessageRepository(storage.database().envelopes());
    AtomicBoolean busy = new AtomicBoolean(true);
    AtomicInteger batches = new AtomicInteger();
    java.util.concurrent.atomic.AtomicReference<RuntimeException> writerFailed =
        new java.util.concurrent.atomic.AtomicReference<>();
    Thread writer =
        new Thread(
            () -> {
              // two writes always queued: the writer never waits 20 ms for one
              CompletableFuture<?> previous = CompletableFuture.completedFuture(null);
              try {
                while (busy.get()) {
                  CompletableFuture<?> next =
                      storage.writes().submit(c -> batches.incrementAndGet());
                  previous.join();
                  previous = next;
                }
                previous.join();
              } catch (RuntimeException e) {
                writerFailed.set(e);
              }
            });

    storage.writes().submit(c -> messages.deleteAll(c, "#room")).join();
    writer.start();
    List<Long> left = segmentsIn(folder);
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    try {
      while (left.get(0) < current && System.nanoTime() < deadline) {
        Thread.sleep(20);
        left = segmentsIn(folder);
      }
    } finally {
      busy.set(false);
      writer.join();
    }

    assertThat(before).hasSizeGreaterThanOrEqualTo(3);
    assertThat(left).as("compacted while writes kept coming").allMatch(s -> s >= current);
    assertThat(writerFailed.get()).isNull();
    assertThat(batches.get()).as("the writer was kept busy").isGreaterThan(100);
    assertThat(store.after("#other", 0, 100))
        .extracting(SqliteMessageStoreTest::envelopeOf)
        .isEqualTo(kept);
  }

  /** The numbers of the segment files in {@code folder}, in order. */
  private static List<Long> segmentsIn(Path folder) throws Exception {
    try (var files = Files.list(folder)) {
      return files.map(SegmentFiles::number).filter(number -> number >= 0).sorted().toList();
    }
  }

  @Test
  void deletingAConversationsMessages_thenStopping_erasesThemAllBeforeTheWriterStops()
      throws Exception {
    storage.close();
    Path small = dataDir.resolve("stopping");
    storage = TestStorage.openWithSegments(small, 64 * 1024); // 8 KiB a piece of erasure
    store = storage.messageStore();
    for (int i = 0; i < 10; i++) {
      append(random(16), random(10_000)).join();
    }
    List<long[]> places = places();
    MessageRepository messages = new MessageRepository(storage.database().envelopes());

    storage.writes().submit(c -> messages.deleteAll(c, "#room")).join();
    storage.close();

    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + small.resolve(Database.FILE_NAME));
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM envelope_erasures")) {
      r.next();
      assertThat(r.getInt(1)).isZero();
    }
    for (long[] place : places) {
      Path segment = small.resolve(EnvelopeLog.DIRECTORY).resolve(SegmentFiles.fileName(place[1]));
      if (Files.exists(segment)) {
        byte[] all = Files.readAllBytes(segment);
        assertThat(Arrays.copyOfRange(all, (int) place[2], (int) (place[2] + place[3])))
            .containsOnly(0);
      }
    }
    storage = TestStorage.openWithSegments(small, 64 * 1024); // for close()
  }

  @Test
  void rows_readTheirEnvelopesWhenAsked_onesDeletedSinceTheyWereListedAreEmpty() throws Exception {
    Bytes first = random(10_000);
    Bytes second = random(10_000);
    append(random(16), first).join();
    append(random(16), second).join();
    List<Row> listed = stored();
    assertThat(envelopeOf(listed.get(0))).isEqualTo(first);
    MessageRepository messages = new MessageRepository(storage.database().envelopes());

    storage.writes().submit(c -> messages.deleteAll(c, "#room")).join();
    storage.writes().submit(c -> null).join(); // the writer erases right after that commit

    List<ILoggingEvent> logged =
        logsOf(
            () -> {
              assertThat(listed).extracting(Row::seq).containsExactly(1L, 2L);
              assertThat(listed.get(0).envelope()).isEmpty();
              assertThat(listed.get(1).envelope()).isEmpty();
            });
    assertThat(logged)
        .as("deleted meanwhile: nothing is wrong")
        .extracting(ILoggingEvent::getLevel)
        .containsExactly(Level.DEBUG, Level.DEBUG);
    assertThat(stored()).isEmpty();
  }

  @Test
  void aRowListed_thenDeletedToATombstone_readsAsEmpty_withoutAlarm() throws Exception {
    Bytes id = random(16);
    append(id, random(10_000)).join();
    List<Row> listed = stored();
    MessageRepository messages = new MessageRepository(storage.database().envelopes());

    storage.writes().submit(c -> messages.delete(c, "#room", id, 5L)).join();
    storage.writes().submit(c -> null).join(); // the writer erases right after that commit

    List<ILoggingEvent> logged = logsOf(() -> assertThat(listed.get(0).envelope()).isEmpty());
    assertThat(logged)
        .as("deleted meanwhile: nothing is wrong")
        .extracting(ILoggingEvent::getLevel)
        .containsOnly(Level.DEBUG);
    assertThat(stored()).singleElement().satisfies(row -> assertThat(row.deleted()).isTrue());
  }

  @Test
  void rowsStoredInlineBeforeTheEnvelopeLog_stillOpen_newOnesGoToTheLog() throws Exception {
    Path old = dataDir.resolve("old");
    FilePermissions.ownerOnlyDirectory(old);
    Bytes envelope = random(20_000);
    Bytes id = random(16);
    AtRestCipher cipher = AtRestKeys.loadOrCreate(old);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old.resolve("relay.db"))) {
      Migrations.migrate(c, 6);
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO conversations (id, created_at, last_seq) VALUES ('#room', 1, 1)");
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO messages (conversation, seq, message_id, stored_at, sealed)"
                  + " VALUES ('#room', 1, ?, 1, ?)")) {
        s.setBytes(1, id.toByteArray());
        s.setBytes(2, cipher.seal(envelope, SqliteMessageStore.rowId("#room", 1, id)));
        s.executeUpdate();
      }
    }

    try (TestStorage upgraded = TestStorage.open(old)) {
      SqliteMessageStore upgradedStore = upgraded.messageStore();
      Bytes next = random(30_000);
      assertThat(upgradedStore.append("#room", List.of(), random(16), next).join().seq())
          .isEqualTo(2);
      assertThat(upgradedStore.after("#room", 0, 10))
          .extracting(SqliteMessageStoreTest::envelopeOf)
          .containsExactly(envelope, next);
      assertThat(Files.size(old.resolve(EnvelopeLog.DIRECTORY).resolve("0000000000000000.seg")))
          .isEqualTo(EnvelopeLog.roundUp(30_033, upgraded.database().envelopes().alignment()));
    }
  }
}
