package chat.server.internal.storage;

import chat.server.internal.storage.EnvelopeLog.Place;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives back the space of a segment that is mostly empty: deleted envelopes overwritten with zeros,
 * or the padding of many small group commits written around the page cache. Such a segment's stored
 * envelopes are copied, 2 MiB at a time, to the end of the log; their rows are pointed at the
 * copies in one transaction per step, after the copies are synced; the old copies are then
 * overwritten with zeros, and once no row refers to the segment its file is deleted.
 *
 * <p>Candidates are kept in {@code envelope_compactions}: every segment an erasure touched, every
 * segment the log closed, and (at schema step 8) every segment there was. A candidate whose stored
 * envelopes fill more than half of its file is dropped: moving it would cost more than it gives
 * back. The current segment waits until the log has moved past it.
 *
 * <p>Each step runs on the writer thread between group commits: back to back while no write is
 * waiting, at most one a second while writes keep coming (see {@link WriteQueue}), so a send waits
 * for at most one step. A crash at any point leaves a consistent store: copies no committed row
 * refers to are cut off at the next open, or remain as unreferenced bytes if later envelopes were
 * committed after them; rows committed to their copies find them synced; and the candidate stays
 * recorded until its file is gone. The writer thread's only.
 */
final class EnvelopeCompactions {
  private static final int STEP_ROWS = 4096;
  private static final Logger LOG = LoggerFactory.getLogger(EnvelopeCompactions.class);

  private final SegmentFiles files;

  /**
   * The most a step copies, at least one envelope however large: a thirty-second of a segment, 2
   * MiB for the relay's 64 MiB.
   */
  private final long stepBytes;

  /** Segments closed since the last step, recorded as candidates by the next one. */
  private final Set<Long> closed = new LinkedHashSet<>();

  private boolean due;

  /** Compactions of the segments in {@code files}, each {@code segmentBytes} long at most. */
  EnvelopeCompactions(SegmentFiles files, long segmentBytes) {
    this.files = files;
    this.stepBytes = Math.max(1, segmentBytes / 32);
  }

  /** Reads whether candidates are recorded (as the log is opened by its owner). */
  void load(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT 1 FROM envelope_compactions LIMIT 1")) {
      due = r.next();
    }
  }

  /** Whether a step may have work to do; no query is made to know. */
  boolean due() {
    return due;
  }

  /** Candidates were recorded (by an erasure). */
  void recorded() {
    due = true;
  }

  /** The log closed {@code segment} and began the next one. */
  void closed(long segment) {
    closed.add(segment);
    due = true;
  }

  /**
   * One step: the lowest candidate below the current segment is dropped, deleted if no row refers
   * to it any more, or has up to a thirty-second of a segment of its envelopes moved to the end of
   * {@code log}. Nothing is due any more once no candidate below the current segment is left. A
   * failure is logged and the work waits for the next erasure, closed segment or start.
   */
  void step(Connection c, EnvelopeLog log) {
    if (!due) {
      return;
    }
    try {
      recordClosed(c);
      long segment = lowestCandidateBelow(c, log.currentSegment());
      if (segment < 0) {
        due = false;
        return;
      }
      compact(c, log, segment);
    } catch (IOException | SQLException | RuntimeException e) {
      due = false;
      LOG.warn(
          "envelope log: compacting a segment failed, to be tried again after the next deletion,"
              + " new segment or start: {}",
          e.toString());
    }
  }

  private void recordClosed(Connection c) throws SQLException {
    if (closed.isEmpty()) {
      return;
    }
    try (PreparedStatement s =
        c.prepareStatement("INSERT OR IGNORE INTO envelope_compactions (segment) VALUES (?)")) {
      for (long segment : closed) {
        s.setLong(1, segment);
        s.executeUpdate();
      }
    }
    closed.clear();
  }

  private static long lowestCandidateBelow(Connection c, long current) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT segment FROM envelope_compactions WHERE segment < ?"
                + " ORDER BY segment LIMIT 1")) {
      s.setLong(1, current);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getLong(1) : -1;
      }
    }
  }

  private void compact(Connection c, EnvelopeLog log, long segment)
      throws IOException, SQLException {
    Path file = files.file(segment);
    if (!Files.exists(file)) {
      drop(c, segment);
      return;
    }
    long size = Files.size(file);
    long[] stored = stored(c, segment);
    if (stored[0] == 0) {
      Files.delete(file);
      files.sync();
      drop(c, segment);
      LOG.info(
          "envelope log: {} removed, no stored message left in it ({} bytes given back)",
          file.getFileName(),
          size);
      return;
    }
    if (stored[1] * 2 > size) {
      drop(c, segment); // mostly in use: moving it would cost more than it gives back
      return;
    }
    move(c, log, segment);
  }

  /** How many envelopes lie in {@code segment}, and their bytes. */
  private static long[] stored(Connection c, long segment) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT count(*), coalesce(sum(length), 0) FROM messages"
                + " WHERE segment IS NOT NULL AND segment = ?")) {
      s.setLong(1, segment);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return new long[] {r.getLong(1), r.getLong(2)};
      }
    }
  }

  private static void drop(Connection c, long segment) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("DELETE FROM envelope_compactions WHERE segment = ?")) {
      s.setLong(1, segment);
      s.executeUpdate();
    }
  }

  /** A stored envelope being moved. */
  private record Move(long rowid, Place from) {}

  /**
   * Copies the first envelopes of {@code segment} (in the order they lie) to the end of {@code
   * log}, syncs the copies, points their rows at them in one transaction and zeros the old copies.
   */
  private void move(Connection c, EnvelopeLog log, long segment) throws IOException, SQLException {
    List<Move> moves = new ArrayList<>();
    long bytes = 0;
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT rowid, place, length FROM messages WHERE segment IS NOT NULL AND segment = ?"
                + " ORDER BY place LIMIT ?")) {
      s.setLong(1, segment);
      s.setInt(2, STEP_ROWS);
      try (ResultSet r = s.executeQuery()) {
        while (r.next() && (moves.isEmpty() || bytes + r.getInt(3) <= stepBytes)) {
          moves.add(new Move(r.getLong(1), new Place(segment, r.getLong(2), r.getInt(3))));
          bytes += r.getInt(3);
        }
      }
    }
    long start = System.nanoTime();
    EnvelopeLog.Mark mark = log.mark();
    List<Place> copies = new ArrayList<>(moves.size());
    boolean synced = false;
    try {
      for (Move each : moves) {
        copies.add(log.append(files.read(each.from())));
      }
      // The copies first: a committed row's envelope must already be on disk.
      log.force();
      synced = true;
      repoint(c, moves, copies);
    } catch (IOException | SQLException | RuntimeException e) {
      if (!synced) {
        log.resetTo(mark);
      }
      throw e;
    }
    files.zero(moves.stream().map(Move::from).toList());
    LOG.debug(
        "envelope log: {} stored envelopes ({} bytes) moved out of {} in {} ms",
        moves.size(),
        bytes,
        files.file(segment).getFileName(),
        (System.nanoTime() - start) / 1_000_000);
  }

  /**
   * Points the rows of {@code moves} at {@code copies}, in one transaction. If that fails before
   * the commit, the rows still point at the old copies and the new ones are overwritten with zeros;
   * if the commit itself fails, both stay, as a group commit's synced envelopes do (the commit may
   * have stored the rows).
   */
  private void repoint(Connection c, List<Move> moves, List<Place> copies)
      throws IOException, SQLException {
    c.setAutoCommit(false);
    try {
      try {
        update(c, moves, copies);
      } catch (SQLException | RuntimeException e) {
        rollback(c, e);
        try {
          files.zero(copies);
        } catch (IOException zeroing) {
          e.addSuppressed(zeroing);
        }
        throw e;
      }
      try {
        c.commit();
      } catch (SQLException e) {
        rollback(c, e);
        throw e;
      }
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static void update(Connection c, List<Move> moves, List<Place> copies)
      throws SQLException {
    try (PreparedStatement u =
        c.prepareStatement(
            "UPDATE messages SET segment = ?, place = ? WHERE rowid = ? AND segment = ?"
                + " AND place = ?")) {
      for (int i = 0; i < moves.size(); i++) {
        Move move = moves.get(i);
        Place copy = copies.get(i);
        u.setLong(1, copy.segment());
        u.setLong(2, copy.offset());
        u.setLong(3, move.rowid());
        u.setLong(4, move.from().segment());
        u.setLong(5, move.from().offset());
        if (u.executeUpdate() != 1) {
          throw new SQLException("a stored message being moved changed meanwhile");
        }
      }
    }
  }

  private static void rollback(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
