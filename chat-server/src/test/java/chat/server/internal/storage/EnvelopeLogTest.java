package chat.server.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import chat.server.internal.storage.EnvelopeLog.Place;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The envelope log on its own, over a migrated {@code relay.db} whose rows the test writes as the
 * message store would: appends and reads, segments, what a crash or a failed write leaves, and
 * erasure.
 */
class EnvelopeLogTest {
  private static final long SEGMENT = 1000;

  @TempDir Path dataDir;
  private Connection c;
  private EnvelopeLog log;
  private int seq;

  @BeforeEach
  void open() throws Exception {
    c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Database.FILE_NAME));
    Migrations.migrate(c);
    try (Statement s = c.createStatement()) {
      s.execute("INSERT INTO conversations (id, created_at) VALUES ('#a', 1), ('#b', 1)");
    }
    log = EnvelopeLog.open(dataDir, c, SEGMENT, false);
  }

  @AfterEach
  void close() throws Exception {
    log.close();
    c.close();
  }

  private void reopen() throws Exception {
    log.close();
    log = EnvelopeLog.open(dataDir, c, SEGMENT, false);
  }

  private static byte[] bytes(int length, int fill) {
    byte[] out = new byte[length];
    Arrays.fill(out, (byte) fill);
    return out;
  }

  /** Appends, forces and commits a row for it, as a group commit would. */
  private Place store(String conversation, byte[] sealed) throws Exception {
    Place place = log.append(sealed);
    log.force();
    row(conversation, place);
    return place;
  }

  private void row(String conversation, Place place) throws SQLException {
    seq++;
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO messages (conversation, seq, message_id, stored_at, sealed, segment,"
                + " place, length) VALUES (?, ?, ?, 1, x'', ?, ?, ?)")) {
      s.setString(1, conversation);
      s.setLong(2, seq);
      s.setBytes(3, new byte[] {(byte) seq});
      s.setLong(4, place.segment());
      s.setLong(5, place.offset());
      s.setInt(6, place.length());
      s.executeUpdate();
    }
  }

  private long size(long segment) throws Exception {
    return Files.size(log.file(segment));
  }

  private byte[] contents(Place place) throws Exception {
    byte[] all = Files.readAllBytes(log.file(place.segment()));
    return Arrays.copyOfRange(all, (int) place.offset(), (int) place.offset() + place.length());
  }

  private void deleteMessagesOf(String conversation) throws SQLException {
    c.setAutoCommit(false);
    log.recordErasures(c, conversation);
    try (PreparedStatement s = c.prepareStatement("DELETE FROM messages WHERE conversation = ?")) {
      s.setString(1, conversation);
      s.executeUpdate();
    }
    c.commit();
    c.setAutoCommit(true);
  }

  /** Runs housekeeping (erasure, then compaction) until none is due, as an idle writer does. */
  private void compactAll() {
    for (int steps = 0; log.housekeepingDue(); steps++) {
      assertThat(steps).as("housekeeping ends").isLessThan(1000);
      log.housekeep(c);
    }
  }

  /** Where each stored envelope of {@code conversation} lies, in the order they were stored. */
  private java.util.List<Place> placesOf(String conversation) throws SQLException {
    java.util.List<Place> out = new java.util.ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT segment, place, length FROM messages WHERE conversation = ? ORDER BY seq")) {
      s.setString(1, conversation);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(new Place(r.getLong(1), r.getLong(2), r.getInt(3)));
        }
      }
    }
    return out;
  }

  private java.util.List<Long> candidates() throws SQLException {
    java.util.List<Long> out = new java.util.ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT segment FROM envelope_compactions ORDER BY 1")) {
      while (r.next()) {
        out.add(r.getLong(1));
      }
    }
    return out;
  }

  private int pendingErasures() throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM envelope_erasures")) {
      r.next();
      return r.getInt(1);
    }
  }

  @Test
  void append_readsBack_andBeginsASegmentWhenTheNextWouldPassItsSize() throws Exception {
    Place a = store("#a", bytes(400, 1));
    Place b = store("#a", bytes(500, 2));
    Place c3 = store("#a", bytes(300, 3));
    Place big = store("#a", bytes(2500, 4));

    assertThat(a).isEqualTo(new Place(0, 0, 400));
    assertThat(b).isEqualTo(new Place(0, 400, 500));
    assertThat(c3).isEqualTo(new Place(1, 0, 300));
    assertThat(big).as("larger than a segment: alone in one").isEqualTo(new Place(2, 0, 2500));
    assertThat(log.read(a)).isEqualTo(bytes(400, 1));
    assertThat(log.read(b)).isEqualTo(bytes(500, 2));
    assertThat(log.read(c3)).isEqualTo(bytes(300, 3));
    assertThat(log.read(big)).isEqualTo(bytes(2500, 4));
    assertThat(log.directory()).isEqualTo(dataDir.resolve(EnvelopeLog.DIRECTORY));
    assertThat(log.file(2).getFileName().toString()).isEqualTo("0000000000000002.seg");
  }

  @Test
  void open_cutsOffWhatNoCommittedRowReachesAndRemovesLaterSegments() throws Exception {
    Place a = store("#a", bytes(600, 1));
    log.append(bytes(300, 2)); // appended, never committed: a crash before the commit
    log.append(bytes(700, 3)); // and a segment begun for it
    log.force();
    assertThat(size(0)).isEqualTo(900);
    assertThat(Files.exists(log.file(1))).isTrue();

    reopen();

    assertThat(size(0)).isEqualTo(600);
    assertThat(Files.exists(log.file(1))).isFalse();
    assertThat(log.read(a)).isEqualTo(bytes(600, 1));
    assertThat(store("#a", bytes(100, 4))).isEqualTo(new Place(0, 600, 100));
  }

  @Test
  void open_aSegmentAStoredMessageLiesInIsMissing_refusedNamingIt() throws Exception {
    store("#a", bytes(600, 1));
    store("#a", bytes(700, 2)); // in segment 1
    log.close();
    Files.delete(log.file(0));

    assertThatThrownBy(() -> EnvelopeLog.open(dataDir, c, SEGMENT, false))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("envelope segment envelopes/0000000000000000.seg is missing: ")
        .hasMessageContaining("same copy of the data directory");
    assertThat(Files.size(log.file(1))).isEqualTo(700);
  }

  @Test
  void open_theCurrentSegmentIsMissing_refused_andNotBegunAgain() throws Exception {
    store("#a", bytes(600, 1));
    log.close();
    Files.delete(log.file(0));

    assertThatThrownBy(() -> EnvelopeLog.open(dataDir, c, SEGMENT, false))
        .hasMessageStartingWith("envelope segment envelopes/0000000000000000.seg is missing");
    assertThat(Files.exists(log.file(0))).isFalse();
  }

  @Test
  void open_theCurrentSegmentEndsBeforeAStoredEnvelope_refused_andLeftAsItIs() throws Exception {
    store("#a", bytes(600, 1));
    log.close();
    try (FileChannel file = FileChannel.open(log.file(0), StandardOpenOption.WRITE)) {
      file.truncate(300); // a file system that lost the file's tail
    }

    assertThatThrownBy(() -> EnvelopeLog.open(dataDir, c, SEGMENT, false))
        .hasMessageStartingWith(
            "envelope segment envelopes/0000000000000000.seg ends at byte 300 but stored"
                + " messages lie in it up to byte 600");
    assertThat(Files.size(log.file(0))).isEqualTo(300);
  }

  @Test
  void open_theLockFileCannotBeOpened_aLaterOpeningOwnsTheLogOnceItCan() throws Exception {
    log.close();
    Path lock = dataDir.resolve(EnvelopeLog.DIRECTORY).resolve("lock");
    Files.delete(lock);
    Files.createDirectory(lock); // cannot be opened for writing

    assertThatThrownBy(() -> EnvelopeLog.open(dataDir, c, SEGMENT, false))
        .isInstanceOf(IOException.class);
    Files.delete(lock);
    log = EnvelopeLog.open(dataDir, c, SEGMENT, false);

    assertThat(log.owned()).isTrue();
  }

  @Test
  void resetTo_givesBackAFailedWritesBytes_evenAcrossASegment() throws Exception {
    store("#a", bytes(600, 1));
    EnvelopeLog.Mark mark = log.mark();
    Place lost = log.append(bytes(300, 2));
    log.resetTo(mark);

    assertThat(log.mark()).isEqualTo(mark);
    assertThat(contents(lost)).as("overwritten with zeros").isEqualTo(bytes(300, 0));
    assertThat(log.append(bytes(100, 3))).isEqualTo(new Place(0, 600, 100));

    EnvelopeLog.Mark beforeRoll = log.mark();
    log.append(bytes(200, 4));
    log.append(bytes(800, 5)); // into segment 1
    log.resetTo(beforeRoll);

    assertThat(Files.exists(log.file(1))).as("the segment begun for the failed batch").isFalse();
    assertThat(log.mark()).isEqualTo(beforeRoll);
    assertThat(contents(new Place(0, 700, 200))).isEqualTo(bytes(200, 0));
  }

  @Test
  void erasePending_zerosDeletedEnvelopes_andDeletesSegmentsNoRowReaches() throws Exception {
    Place a1 = store("#a", bytes(600, 1));
    Place b1 = store("#b", bytes(300, 2));
    Place a2 = store("#a", bytes(900, 3)); // segment 1, only #a
    Place b2 = store("#b", bytes(400, 4)); // segment 2, the current one
    Place a3 = store("#a", bytes(100, 5));

    deleteMessagesOf("#a");
    log.erasePending(c); // a piece: a1 (at least one place), and segment 1 deleted whole
    assertThat(contents(a1)).isEqualTo(bytes(600, 0));
    assertThat(Files.exists(log.file(1))).as("no row refers to segment 1 any more").isFalse();
    assertThat(contents(a3)).as("the next piece's").isEqualTo(bytes(100, 5));
    assertThat(log.housekeepingDue()).isTrue();

    log.housekeep(c);

    assertThat(contents(a3)).as("in the current segment").isEqualTo(bytes(100, 0));
    assertThat(log.read(b1)).isEqualTo(bytes(300, 2));
    assertThat(a2.segment()).isEqualTo(1);
    assertThat(log.read(b2)).isEqualTo(bytes(400, 4));
    assertThat(pendingErasures()).isZero();
    assertThat(store("#b", bytes(50, 6))).isEqualTo(new Place(2, 500, 50));
  }

  @Test
  void erasePending_aPieceWhoseRecordsCannotBeCleared_isZeroed_retriedAfterTheNextCommit_noSpin()
      throws Exception {
    Place a = store("#a", bytes(100, 1));
    Place b = store("#b", bytes(100, 2));
    deleteMessagesOf("#a");
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE envelope_compactions"); // clearing the piece's records now fails
    }

    log.erasePending(c);

    assertThat(contents(a)).as("zeroed before its record goes").isEqualTo(bytes(100, 0));
    assertThat(pendingErasures()).isEqualTo(1);
    assertThat(log.housekeepingDue()).as("left to the next commit").isFalse();

    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE envelope_compactions (segment INTEGER PRIMARY KEY)");
    }
    log.erasePending(c);

    assertThat(pendingErasures()).isZero();
    assertThat(log.read(b)).isEqualTo(bytes(100, 2));
  }

  @Test
  void open_finishesAnErasureOfMoreRecordsThanAPieceTakes() throws Exception {
    Place a = store("#a", bytes(600, 1));
    deleteMessagesOf("#a");
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO envelope_erasures (segment, place, length) VALUES (0, ?, 1)")) {
      for (int i = 0; i < EnvelopeErasures.MAX_PLACES + 1000; i++) {
        s.setLong(1, i % 600);
        s.executeUpdate();
      }
    }

    reopen();

    assertThat(contents(a)).isEqualTo(bytes(600, 0));
    assertThat(pendingErasures()).isZero();
  }

  @Test
  void erasePending_aLargeDeletion_isErasedAPieceAtATime_betweenCommits() throws Exception {
    java.util.List<Place> a = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      a.add(store("#a", bytes(60, 1 + i))); // a piece overwrites an eighth of a segment: two
      store("#b", bytes(60, 9));
    }

    deleteMessagesOf("#a");
    log.erasePending(c);

    assertThat(contents(a.get(0))).isEqualTo(bytes(60, 0));
    assertThat(contents(a.get(1))).isEqualTo(bytes(60, 0));
    assertThat(contents(a.get(2))).as("left for the next piece").isEqualTo(bytes(60, 3));
    assertThat(pendingErasures()).isEqualTo(2);
    assertThat(log.housekeepingDue()).isTrue();

    log.housekeep(c);

    assertThat(contents(a.get(2))).isEqualTo(bytes(60, 0));
    assertThat(contents(a.get(3))).isEqualTo(bytes(60, 0));
    assertThat(pendingErasures()).isZero();
    assertThat(placesOf("#b")).allSatisfy(b -> assertThat(log.read(b)).isEqualTo(bytes(60, 9)));
  }

  @Test
  void open_finishesAnErasureACrashInterrupted() throws Exception {
    Place a = store("#a", bytes(600, 1));
    Place b = store("#b", bytes(200, 2));
    deleteMessagesOf("#a"); // committed; the process stops before erasing

    reopen();

    assertThat(contents(a)).isEqualTo(bytes(600, 0));
    assertThat(log.read(b)).isEqualTo(bytes(200, 2));
    assertThat(pendingErasures()).isZero();
  }

  @Test
  void erasePending_withNothingRecorded_touchesNothing() throws Exception {
    Place a = store("#a", bytes(600, 1));
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE envelope_erasures"); // any query for erasures would now fail
    }
    log.erasePending(c);
    assertThat(log.read(a)).isEqualTo(bytes(600, 1));
  }

  @Test
  void aSecondOpening_whileTheLogIsOwned_onlyReads_andCutsNothingOff() throws Exception {
    Place a = store("#a", bytes(600, 1));
    log.append(bytes(200, 2)); // the owner's next batch, written but not committed yet
    log.force();

    try (EnvelopeLog other = EnvelopeLog.open(dataDir, c, SEGMENT, false)) {
      assertThat(other.owned()).isFalse();
      assertThat(other.read(a)).isEqualTo(bytes(600, 1));
      assertThatThrownBy(() -> other.append(bytes(10, 3)))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("in use by another process");
    }

    assertThat(log.owned()).isTrue();
    if (Files.isReadable(Path.of("/proc/locks"))) {
      assertThat(lockListed()).as("the owner's lock, after the other opening closed").isTrue();
    }
    assertThat(size(0)).isEqualTo(800);
    reopen(); // the owner's own next start
    assertThat(log.owned()).isTrue();
    assertThat(size(0)).isEqualTo(600);
  }

  /** Reopens the log written around the page cache; skips the test where that is not possible. */
  private int reopenDirect() throws Exception {
    log.close();
    log = EnvelopeLog.open(dataDir, c, 1024 * 1024, true);
    assumeTrue(log.alignment() > 1, "this file system cannot write around the page cache");
    return log.alignment();
  }

  @Test
  void direct_eachBatchBeginsOnABlock_envelopesReadBack_aCrashLeavesTheCommittedOnes()
      throws Exception {
    int block = reopenDirect();
    Place a = log.append(bytes(1000, 1));
    Place b = log.append(bytes(3000, 2)); // the same batch: right after a
    log.force();
    row("#a", a);
    row("#a", b);
    Place next = store("#a", bytes(200, 3)); // the next batch: at the next block
    Place big = store("#a", bytes(100_000, 4));

    assertThat(a).isEqualTo(new Place(0, 0, 1000));
    assertThat(b).isEqualTo(new Place(0, 1000, 3000));
    assertThat(next.offset()).isEqualTo(EnvelopeLog.roundUp(4000, block));
    assertThat(big.offset()).isEqualTo(next.offset() + block);
    assertThat(log.read(a)).isEqualTo(bytes(1000, 1));
    assertThat(log.read(b)).isEqualTo(bytes(3000, 2));
    assertThat(log.read(next)).isEqualTo(bytes(200, 3));
    assertThat(log.read(big)).isEqualTo(bytes(100_000, 4));

    log.append(bytes(500, 5)); // written, never committed
    log.force();
    reopenDirect();
    long end = big.offset() + big.length();
    assertThat(size(0)).isEqualTo(end);
    Place after = store("#a", bytes(100, 6));
    assertThat(after.offset()).as("at a block again").isEqualTo(EnvelopeLog.roundUp(end, block));
    assertThat(log.read(big)).isEqualTo(bytes(big.length(), 4));
    assertThat(log.read(after)).isEqualTo(bytes(100, 6));
  }

  @Test
  void direct_anEnvelopeLargerThanWhatABatchGathers_isWrittenInPieces() throws Exception {
    reopenDirect();
    log.close();
    log = EnvelopeLog.open(dataDir, c, 64L * 1024 * 1024, true);
    byte[] big = new byte[EnvelopeLog.PENDING_BYTES * 2 + 777];
    new java.util.Random(7).nextBytes(big);
    Place first = store("#a", bytes(10, 1));
    Place place = store("#a", big);
    assertThat(log.read(first)).isEqualTo(bytes(10, 1));
    assertThat(log.read(place)).isEqualTo(big);
  }

  @Test
  void direct_aFailedWriteNotYetWritten_isDropped_andOneAlreadyWrittenIsZeroed() throws Exception {
    int block = reopenDirect();
    Place kept = store("#a", bytes(100, 1));
    EnvelopeLog.Mark mark = log.mark();
    log.append(bytes(300, 2));
    log.resetTo(mark); // still gathered: nothing reached the file
    Place again = log.append(bytes(50, 3));
    assertThat(again.offset()).isEqualTo(mark.position());
    log.force();
    row("#a", again);

    EnvelopeLog.Mark beforeBatch = log.mark();
    Place lost = log.append(bytes(700, 4));
    log.force(); // written; then the commit fails
    log.resetTo(beforeBatch);
    assertThat(contents(lost)).isEqualTo(bytes(700, 0));
    assertThat(log.read(kept)).isEqualTo(bytes(100, 1));
    assertThat(log.read(again)).isEqualTo(bytes(50, 3));
    assertThat(log.mark().position()).isEqualTo(beforeBatch.position()).isEqualTo(2L * block);
  }

  /**
   * The lock is an fcntl lock, which a process loses when it closes any channel to the lock file:
   * probing for direct writes must not use it. Checked in the kernel's own list of locks.
   */
  @Test
  void open_keepsItsLock_afterProbingForDirectWrites() throws Exception {
    Path locks = Path.of("/proc/locks");
    assumeTrue(Files.isReadable(locks), "needs /proc/locks");
    log.close();
    log = EnvelopeLog.open(dataDir, c, SEGMENT, true);
    store("#a", bytes(100, 1));

    assertThat(lockListed()).as("a lock on envelopes/lock").isTrue();
  }

  /** Whether the kernel lists a lock on {@code envelopes/lock}. */
  private boolean lockListed() throws Exception {
    long inode = (Long) Files.getAttribute(log.directory().resolve("lock"), "unix:ino");
    return Files.readAllLines(Path.of("/proc/locks")).stream()
        .anyMatch(line -> line.matches(".*:" + inode + " .*"));
  }

  /**
   * After a restart the current segment ends at its last committed envelope, not on a block; a
   * batch that begins the next segment and then fails must leave the log writing on blocks.
   */
  @Test
  void direct_aFailedBatchThatBeganASegment_afterARestart_leavesTheLogWritable() throws Exception {
    int block = reopenDirect();
    long segmentBytes = 1024 * 1024;
    Place kept = store("#a", bytes((int) segmentBytes - 5000, 1));
    reopenDirect(); // the segment is cut at its last committed end: not a multiple of the block
    EnvelopeLog.Mark mark = log.mark();
    log.append(bytes(10_000, 2)); // does not fit: the next segment
    log.resetTo(mark); // the batch failed before its envelopes were synced

    assertThat(Files.exists(log.file(1))).isFalse();
    Place next = store("#a", bytes(3000, 3));
    assertThat(next.offset() % block).isZero();
    assertThat(log.read(kept)).isEqualTo(bytes(kept.length(), 1));
    assertThat(log.read(next)).isEqualTo(bytes(3000, 3));
  }

  @Test
  void compaction_movesWhatIsLeftOfMostlyErasedSegments_andDeletesThem() throws Exception {
    store("#a", bytes(600, 1));
    store("#b", bytes(300, 2)); // segment 0: 900 bytes, 300 left after the erasure
    store("#a", bytes(400, 3));
    store("#b", bytes(200, 4)); // segment 1: 600 bytes, 200 left
    store("#a", bytes(500, 5)); // segment 2, the current one

    deleteMessagesOf("#a");
    log.erasePending(c);
    assertThat(log.housekeepingDue()).isTrue();
    compactAll();

    assertThat(Files.exists(log.file(0))).isFalse();
    assertThat(Files.exists(log.file(1))).isFalse();
    assertThat(placesOf("#b"))
        .as("moved to the end of the log, in the order they lay")
        .containsExactly(new Place(2, 500, 300), new Place(2, 800, 200));
    assertThat(log.read(placesOf("#b").get(0))).isEqualTo(bytes(300, 2));
    assertThat(log.read(placesOf("#b").get(1))).isEqualTo(bytes(200, 4));
    assertThat(candidates()).as("the current segment waits").containsExactly(2L);

    Place next = store("#b", bytes(100, 6)); // segment 2 is full: the log moves past it
    assertThat(next.segment()).isEqualTo(3);
    assertThat(log.housekeepingDue()).isTrue();
    compactAll();

    assertThat(Files.exists(log.file(2))).as("half of it was zeros").isFalse();
    assertThat(placesOf("#b"))
        .containsExactly(new Place(3, 100, 300), new Place(3, 400, 200), next);
    assertThat(log.read(placesOf("#b").get(0))).isEqualTo(bytes(300, 2));
    assertThat(log.read(placesOf("#b").get(1))).isEqualTo(bytes(200, 4));
    assertThat(log.read(next)).isEqualTo(bytes(100, 6));
    assertThat(candidates()).isEmpty();
  }

  @Test
  void compaction_leavesASegmentMostlyInUse() throws Exception {
    store("#a", bytes(100, 1));
    Place b = store("#b", bytes(700, 2)); // segment 0: 700 of 800 bytes left
    store("#b", bytes(500, 3)); // segment 1, the current one

    deleteMessagesOf("#a");
    log.erasePending(c);
    compactAll();

    assertThat(Files.size(log.file(0))).isEqualTo(800);
    assertThat(placesOf("#b").get(0)).isEqualTo(b);
    assertThat(log.read(b)).isEqualTo(bytes(700, 2));
    assertThat(candidates()).as("dropped, not looked at again").isEmpty();
  }

  @Test
  void compaction_aStepAtATime_oldCopiesZeroed_goesOnAfterARestart() throws Exception {
    store("#a", bytes(600, 1));
    store("#b", bytes(100, 2));
    store("#b", bytes(100, 3));
    store("#b", bytes(100, 4)); // segment 0: 900 bytes, 300 left after the erasure
    store("#b", bytes(150, 5)); // segment 1, the current one
    java.util.List<Place> before = placesOf("#b");
    deleteMessagesOf("#a");
    log.erasePending(c);

    log.housekeep(c); // a step copies a thirty-second of a segment: here one envelope
    log.housekeep(c); // and the next erases its old copy

    java.util.List<Place> after = placesOf("#b");
    assertThat(after.get(0)).isEqualTo(new Place(1, 150, 100));
    assertThat(after.subList(1, 4)).isEqualTo(before.subList(1, 4));
    assertThat(contents(before.get(0))).as("the old copy").isEqualTo(bytes(100, 0));
    assertThat(log.read(after.get(0))).isEqualTo(bytes(100, 2));

    reopen(); // as after a restart: the candidate is still listed
    assertThat(log.housekeepingDue()).isTrue();
    compactAll();

    assertThat(Files.exists(log.file(0))).isFalse();
    assertThat(placesOf("#b"))
        .containsExactly(
            new Place(1, 150, 100),
            new Place(1, 250, 100),
            new Place(1, 350, 100),
            new Place(1, 0, 150));
    for (int i = 0; i < 3; i++) {
      assertThat(log.read(placesOf("#b").get(i))).isEqualTo(bytes(100, 2 + i));
    }
    assertThat(log.read(placesOf("#b").get(3))).isEqualTo(bytes(150, 5));
  }

  /**
   * Segments 0 and 1 each #a 600 bytes and #b 100, then #b 400 in segment 2 (the current one); #a
   * deleted and erased. Returns #b's places.
   */
  private java.util.List<Place> twoSegmentsSevenTenthsErased() throws Exception {
    store("#a", bytes(600, 1));
    store("#b", bytes(100, 2));
    store("#a", bytes(600, 3));
    store("#b", bytes(100, 4));
    store("#b", bytes(400, 5));
    deleteMessagesOf("#a");
    log.erasePending(c);
    return placesOf("#b");
  }

  @Test
  void compaction_aStepWhoseUpdateFails_zerosItsCopies_andWaitsForTheNextStart() throws Exception {
    java.util.List<Place> b = twoSegmentsSevenTenthsErased();
    Place b0 = b.get(0);
    Place b1 = b.get(1);
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TRIGGER no_move BEFORE UPDATE OF segment ON messages"
              + " BEGIN SELECT RAISE(ABORT, 'injected'); END");
    }

    compactAll();

    assertThat(placesOf("#b").subList(0, 2)).as("left where they were").containsExactly(b0, b1);
    assertThat(log.read(b0)).isEqualTo(bytes(100, 2));
    assertThat(contents(new Place(2, 400, 100))).as("its copy").isEqualTo(bytes(100, 0));
    assertThat(Files.exists(log.file(1))).as("not the segment's fault: all wait").isTrue();
    assertThat(candidates()).containsExactly(0L, 1L);

    try (Statement s = c.createStatement()) {
      s.execute("DROP TRIGGER no_move");
    }
    reopen();
    compactAll();

    assertThat(Files.exists(log.file(0))).isFalse();
    assertThat(Files.exists(log.file(1))).isFalse();
    assertThat(log.read(placesOf("#b").get(0))).isEqualTo(bytes(100, 2));
    assertThat(log.read(placesOf("#b").get(1))).isEqualTo(bytes(100, 4));
  }

  @Test
  void compaction_aSegmentThatCannotBeRead_isSkipped_theOthersGoOn() throws Exception {
    Place b0 = twoSegmentsSevenTenthsErased().get(0);
    try (FileChannel file = FileChannel.open(log.file(0), StandardOpenOption.WRITE)) {
      file.truncate(650); // a file system that lost the file's tail
    }

    compactAll();

    assertThat(placesOf("#b").get(0)).isEqualTo(b0);
    assertThat(Files.exists(log.file(1))).isFalse();
    assertThat(placesOf("#b").get(1)).isEqualTo(new Place(2, 400, 100));
    assertThat(log.read(placesOf("#b").get(1))).isEqualTo(bytes(100, 4));
    assertThat(candidates()).as("tried again at the next start").containsExactly(0L);
  }

  @Test
  void compaction_aCommitThatReportsAFailureButStored_keepsTheCopy_andErasesTheOldOne()
      throws Exception {
    store("#a", bytes(600, 1));
    Place b0 = store("#b", bytes(100, 2));
    store("#b", bytes(100, 3)); // segment 0: 800 bytes, 200 left after the erasure
    store("#b", bytes(400, 4)); // segment 1, the current one
    deleteMessagesOf("#a");
    log.erasePending(c);
    Connection stores =
        (Connection)
            java.lang.reflect.Proxy.newProxyInstance(
                Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("commit")) {
                    c.commit();
                    throw new SQLException("the commit reported a failure (test)");
                  }
                  try {
                    return method.invoke(c, args);
                  } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                  }
                });

    log.housekeep(stores); // a step copies one envelope here

    Place copy = placesOf("#b").get(0);
    assertThat(copy).as("stored after all").isEqualTo(new Place(1, 400, 100));
    assertThat(log.read(copy)).as("so its copy stays").isEqualTo(bytes(100, 2));
    assertThat(pendingErasures()).as("and its old copy is recorded").isEqualTo(1);

    log.erasePending(c);

    assertThat(contents(b0)).isEqualTo(bytes(100, 0));
    assertThat(pendingErasures()).isZero();
  }

  @Test
  void open_listsOnlySegmentsNoRowRefersTo() throws Exception {
    store("#a", bytes(600, 1));
    store("#b", bytes(100, 2)); // segment 0: 100 of its 700 bytes #b's once #a's go
    store("#b", bytes(900, 3)); // segment 1
    store("#b", bytes(500, 4)); // segment 2, the current one
    Path lost = log.directory().resolve(SegmentFiles.fileName(1) + ".bak");
    Files.copy(log.file(1), lost);
    Files.write(log.directory().resolve("notes.txt"), new byte[] {1}); // not segments
    try (Statement s = c.createStatement()) {
      // rows gone with no erasure recorded: segment 0 mostly empty, segment 1 unreferenced
      s.execute("DELETE FROM messages WHERE conversation = '#a' OR seq = 3");
      s.execute("DELETE FROM envelope_compactions");
    }

    reopen();

    assertThat(candidates()).as("not segment 0: a row refers to it").containsExactly(1L);
    compactAll();
    assertThat(Files.exists(log.file(1))).isFalse();
    assertThat(Files.exists(log.file(0))).isTrue();
    assertThat(Files.exists(lost)).isTrue();
    assertThat(Files.exists(log.directory().resolve("notes.txt"))).isTrue();
    assertThat(log.read(placesOf("#b").get(0))).isEqualTo(bytes(100, 2));
  }

  @Test
  void open_aDeletedSegmentsFileThatCameBack_isDeleted() throws Exception {
    store("#a", bytes(600, 1));
    store("#a", bytes(600, 2)); // segment 1
    store("#b", bytes(600, 3)); // segment 2, the current one
    Path zero = log.file(0);
    byte[] was = Files.readAllBytes(zero);
    deleteMessagesOf("#a");
    log.erasePending(c);
    compactAll();
    assertThat(Files.exists(zero)).isFalse();

    Files.write(zero, was); // its removal was not durable: a power loss brought it back
    reopen();
    compactAll();

    assertThat(Files.exists(zero)).isFalse();
    assertThat(Files.exists(log.file(1))).isFalse();
    assertThat(log.read(placesOf("#b").get(0))).isEqualTo(bytes(600, 3));
  }

  @Test
  void compaction_aSecondOpening_whileTheLogIsOwned_neverCompacts() throws Exception {
    store("#a", bytes(600, 1));
    Place b = store("#b", bytes(100, 2));
    store("#b", bytes(400, 3)); // segment 1
    deleteMessagesOf("#a");
    try (EnvelopeLog second = EnvelopeLog.open(dataDir, c, SEGMENT, false)) {
      assertThat(second.owned()).isFalse();
      second.erasePending(c);
      second.housekeep(c);
      assertThat(second.housekeepingDue()).isFalse();
    }
    assertThat(placesOf("#b").get(0)).isEqualTo(b);
    log.erasePending(c);
    compactAll();
    assertThat(Files.exists(log.file(0))).isFalse();
    assertThat(log.read(placesOf("#b").get(0))).isEqualTo(bytes(100, 2));
  }

  @Test
  void direct_aClosedSegmentOfSmallCommitsMostlyPadding_isPacked() throws Exception {
    int block = reopenDirect(); // segments of 1 MiB
    java.util.List<Place> small = new java.util.ArrayList<>();
    for (int i = 0; i < 100; i++) {
      small.add(store("#a", bytes(500, i + 1))); // a group commit each: a block each
    }
    assertThat(size(0)).isEqualTo(100L * block);
    Place big = store("#a", bytes(700_000, 200)); // does not fit: segment 1

    assertThat(big.segment()).isEqualTo(1);
    compactAll();

    assertThat(Files.exists(log.file(0))).isFalse();
    java.util.List<Place> now = placesOf("#a");
    for (int i = 0; i < 100; i++) {
      assertThat(now.get(i).segment()).isEqualTo(1);
      assertThat(log.read(now.get(i))).isEqualTo(bytes(500, i + 1));
    }
    assertThat(now.get(100)).isEqualTo(big);
    assertThat(log.read(big)).isEqualTo(bytes(700_000, 200));
    assertThat(size(1) - EnvelopeLog.roundUp(700_000, block))
        .as("packed: 50,000 bytes in a step or two, each beginning on a block")
        .isLessThanOrEqualTo(50_000 + 2L * block);
  }
}
