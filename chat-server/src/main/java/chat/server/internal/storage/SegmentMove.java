package chat.server.internal.storage;

import chat.server.internal.storage.EnvelopeLog.Place;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One compaction step's move: the first stored envelopes of a segment, up to a step's bytes, are
 * copied to the end of the log and synced, and in one transaction their rows are pointed at the
 * copies and the old copies recorded for erasure. A failure before the sync gives the copies back;
 * one after it, before the commit, zeros whichever copy no row refers to ({@link #settle}). See
 * {@link EnvelopeCompactions} for when a segment is moved. The writer thread's only.
 */
final class SegmentMove {
  /** Under the compactions' name: these are their log lines, which operators may filter on. */
  private static final Logger LOG = LoggerFactory.getLogger(EnvelopeCompactions.class);

  private static final int STEP_ROWS = 4096;

  private final SegmentFiles files;
  private final EnvelopeErasures erasures;
  private final EnvelopeCompactions compactions;

  /**
   * The most a step copies, at least one envelope however large: a thirty-second of a segment, 2
   * MiB for the relay's 64 MiB.
   */
  private final long stepBytes;

  /**
   * Moves out of the segments in {@code files}, each {@code segmentBytes} long at most, whose old
   * copies go through {@code erasures}; {@code compactions} lists, in a step's transaction, a
   * segment its copies closed.
   */
  SegmentMove(
      SegmentFiles files,
      EnvelopeErasures erasures,
      EnvelopeCompactions compactions,
      long segmentBytes) {
    this.files = files;
    this.erasures = erasures;
    this.compactions = compactions;
    this.stepBytes = Math.max(1, segmentBytes / 32);
  }

  /** Reading a segment's envelopes failed: that segment is skipped, not compaction as a whole. */
  static final class UnreadableSegment extends IOException {
    private static final long serialVersionUID = 1L;

    UnreadableSegment(IOException cause) {
      super(cause);
    }
  }

  /** A stored envelope being moved. */
  private record Move(long rowid, Place from) {}

  /**
   * Copies the first envelopes of {@code segment} (in the order they lie) to the end of {@code
   * log}, syncs the copies, and points their rows at them and records the old copies for erasure in
   * one transaction.
   *
   * @throws UnreadableSegment if the envelopes could not be read from {@code segment}
   */
  void move(Connection c, EnvelopeLog log, long segment) throws IOException, SQLException {
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
    List<byte[]> envelopes;
    try {
      envelopes = files.read(moves.stream().map(Move::from).toList());
    } catch (IOException e) {
      throw new UnreadableSegment(e);
    }
    EnvelopeLog.Mark mark = log.mark();
    List<Place> copies = new ArrayList<>(moves.size());
    boolean synced = false;
    boolean committing = false;
    try {
      for (byte[] envelope : envelopes) {
        copies.add(log.append(envelope));
      }
      // The copies first: a committed row's envelope must already be on disk.
      log.force();
      synced = true;
      c.setAutoCommit(false);
      repoint(c, moves, copies);
      erasures.record(c, moves.stream().map(Move::from).toList());
      compactions.listClosedIn(c); // one the copies closed
      committing = true;
      c.commit();
      c.setAutoCommit(true);
    } catch (IOException | SQLException | RuntimeException | Error e) {
      if (!synced) {
        log.resetTo(mark);
      } else {
        Transactions.endFailed(c, e);
        if (!committing) {
          settle(c, moves, copies, e);
        }
        // A commit that reported a failure may still have stored the rows (its WAL frames may be
        // whole, and recovered at the next open): both copies stay, as a group commit's synced
        // envelopes do. Its old places are then recorded for erasure too.
      }
      throw e;
    }
    // The old copies are recorded for erasure: the next piece of erasure zeros them, or deletes
    // the segment once no row refers to it.
    LOG.debug(
        "envelope log: {} stored envelopes ({} bytes) moved out of {} in {} ms",
        moves.size(),
        bytes,
        files.file(segment).getFileName(),
        (System.nanoTime() - start) / 1_000_000);
  }

  /** Points the rows of {@code moves} at {@code copies}, in the open transaction. */
  private static void repoint(Connection c, List<Move> moves, List<Place> copies)
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

  /**
   * After a step failed once its copies were synced and before its commit: a rollback that failed
   * may have left part of the transaction to be committed when auto-commit was switched back on, so
   * once no transaction is open each row is read again, and of its two copies the one it does not
   * refer to is overwritten with zeros (both if the row is gone). If a transaction is still open,
   * nothing is zeroed. Best effort: what fails here joins {@code failure}.
   */
  private void settle(Connection c, List<Move> moves, List<Place> copies, Throwable failure) {
    try (Statement probe = c.createStatement()) {
      if (Transactions.open(probe)) {
        // Not rolled back: what the rows say now may never be stored. Both copies stay.
        return;
      }
      List<Place> unreferenced = new ArrayList<>();
      try (PreparedStatement s =
          c.prepareStatement("SELECT segment, place FROM messages WHERE rowid = ?")) {
        for (int i = 0; i < moves.size(); i++) {
          Place from = moves.get(i).from();
          Place copy = copies.get(i);
          s.setLong(1, moves.get(i).rowid());
          try (ResultSet r = s.executeQuery()) {
            boolean found = r.next();
            long segment = found ? r.getLong(1) : -1;
            long place = found ? r.getLong(2) : -1;
            if (!found || segment != copy.segment() || place != copy.offset()) {
              unreferenced.add(copy);
            }
            if (!found || segment != from.segment() || place != from.offset()) {
              unreferenced.add(from);
            }
          }
        }
      }
      files.zero(unreferenced);
    } catch (IOException | SQLException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }
}
