package chat.server.internal.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives back the space of a segment that is mostly empty: deleted envelopes overwritten with zeros,
 * or the padding of many small group commits written around the page cache. Such a segment's stored
 * envelopes are copied, 2 MiB at a time, to the end of the log; the copies are synced; in one
 * transaction their rows are pointed at them and the old copies recorded for erasure ({@link
 * SegmentMove}), which (the next piece of erasure, after the next commit or as the next
 * housekeeping step, before any further compaction step unless that piece fails) overwrites them
 * with zeros, or deletes the segment's file once no row refers to it.
 *
 * <p>Candidates are kept in {@code envelope_compactions}: every segment a piece of erasure zeroed,
 * every segment the log closed (listed in the group commit or step that closed it), every segment
 * file below the current one that no row refers to when the log is opened by its owner, and (at
 * schema step 8) every segment a stored message lay in. A candidate whose stored envelopes fill
 * more than half of its file is dropped: moving them would cost more than it gives back. The
 * current segment waits until the log has moved past it.
 *
 * <p>Each step runs on the writer thread between group commits (see {@link WriteQueue}), so a send
 * waits for at most one step. If a step fails before its copies are synced, they are given back; if
 * it fails after, but before its commit, each row is read again and whichever copy no row refers to
 * is overwritten with zeros; if the commit itself reports a failure, both copies stay (it may still
 * have stored the rows). A crash before the commit leaves copies that the next open cuts off
 * (nothing was appended after them); a crash after it leaves the old copies recorded for erasure,
 * which the next open finishes. A segment whose envelopes cannot be read is skipped until the log
 * is next opened; any other failure stops compaction until the next erasure, closed segment or
 * open. The writer thread's only.
 */
final class EnvelopeCompactions {
  private static final Logger LOG = LoggerFactory.getLogger(EnvelopeCompactions.class);

  private final SegmentFiles files;
  private final SegmentMove mover;

  /** Segments closed and not listed yet. */
  private final Set<Long> closed = new LinkedHashSet<>();

  /** Segments whose envelopes could not be read since the log was opened: skipped until then. */
  private final Set<Long> failed = new HashSet<>();

  /** Segments this process has begun to move out of (for its log lines). */
  private final Set<Long> begun = new HashSet<>();

  private boolean due;

  /**
   * Compactions of the segments in {@code files}, each {@code segmentBytes} long at most, whose old
   * copies go through {@code erasures}.
   */
  EnvelopeCompactions(SegmentFiles files, EnvelopeErasures erasures, long segmentBytes) {
    this.files = files;
    this.mover = new SegmentMove(files, erasures, this, segmentBytes);
  }

  /**
   * As the log is opened by its owner: lists those of {@code segments} (every segment file below
   * the current one) that no row refers to, and reads whether candidates are listed. Such a file is
   * a deleted segment whose deletion had not reached the disk at a power loss: it came back with no
   * record left to erase it, and the first step deletes it. One look-up of the index a file. A
   * failure is logged and does not keep the log from opening: what was found is listed by the next
   * commit, and a step finds out whether anything is listed.
   */
  void load(Connection c, List<Long> segments) {
    due = true;
    try {
      for (long segment : segments) {
        if (!EnvelopeErasures.referenced(c, segment)) {
          closed.add(segment);
        }
      }
      listClosed(c);
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT 1 FROM envelope_compactions LIMIT 1")) {
        due = r.next();
      }
    } catch (SQLException e) {
      LOG.warn("listing envelope segments for compaction failed: {}", e.toString());
    }
  }

  /** Whether a step may have work to do; no query is made to know. */
  boolean due() {
    return due;
  }

  /** Candidates were listed (by an erasure). */
  void recorded() {
    due = true;
  }

  /** The log closed {@code segment} and began the next one; listed by {@link #listClosedIn}. */
  void closed(long segment) {
    closed.add(segment);
    due = true;
  }

  /**
   * Lists the segments closed since the last {@link #listClosed}, in the transaction open on {@code
   * c}, just before the group commit or step that closed them commits: the listing commits with it,
   * so a crash right after that commit cannot lose it. A failure that leaves the transaction open
   * is logged, and the segments are left to {@link #listClosed} after the commit; one that ended
   * the transaction is thrown (the commit could not have stored anything).
   */
  void listClosedIn(Connection c) throws SQLException {
    if (closed.isEmpty()) {
      return;
    }
    try {
      insert(c, closed);
    } catch (SQLException e) {
      boolean open;
      try (Statement s = c.createStatement()) {
        open = Transactions.open(s);
      } catch (SQLException checking) {
        e.addSuppressed(checking);
        throw e;
      }
      if (!open) {
        throw e;
      }
      LOG.warn("listing closed envelope segments for compaction failed: {}", e.toString());
    }
  }

  /**
   * Lists the segments closed since the last call in a transaction of its own, outside any other,
   * and forgets them: after the commit that closed them, which listed them already (then nothing
   * changes), or as the log is opened. Nothing to do, and no query, if there are none.
   */
  void listClosed(Connection c) throws SQLException {
    if (closed.isEmpty()) {
      return;
    }
    Transactions.inOne(c, () -> insert(c, closed));
    closed.clear();
  }

  private static void insert(Connection c, Set<Long> segments) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("INSERT OR IGNORE INTO envelope_compactions (segment) VALUES (?)")) {
      for (long segment : segments) {
        s.setLong(1, segment);
        s.executeUpdate();
      }
    }
  }

  /**
   * One step: the lowest candidate below the current segment is dropped, forgotten if its file is
   * gone, deleted if no row refers to it any more, or has up to a thirty-second of a segment of its
   * envelopes moved to the end of {@code log}. Nothing is due any more once no candidate below the
   * current segment is left, or a step failed other than by reading its segment.
   */
  void step(Connection c, EnvelopeLog log) {
    if (!due) {
      return;
    }
    long segment = -1;
    try {
      listClosed(c);
      segment = lowestCandidateBelow(c, log.currentSegment());
      if (segment < 0) {
        due = false;
        return;
      }
      compact(c, log, segment);
      listClosed(c); // one the step's own copies closed
    } catch (SegmentMove.UnreadableSegment e) {
      failed.add(segment);
      LOG.warn(
          "envelope log: compacting {} failed; it is left as it is until the relay starts"
              + " again: {}",
          files.file(segment).getFileName(),
          e.getCause() == null ? e.toString() : e.getCause().toString());
    } catch (IOException | SQLException | RuntimeException | Error e) {
      // An Error too (out of memory while copying): left to the writer's loop, the step would run
      // again at once, and again. Appending, syncing or the database failing is no fault of this
      // segment's: compaction waits for the next deletion, closed segment or start.
      due = false;
      LOG.warn(
          "envelope log: compaction failed, to be tried again after the next deletion, closed"
              + " segment or start: {}",
          e.toString());
    }
  }

  private long lowestCandidateBelow(Connection c, long current) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT segment FROM envelope_compactions WHERE segment < ? ORDER BY segment")) {
      s.setLong(1, current);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          if (!failed.contains(r.getLong(1))) {
            return r.getLong(1);
          }
        }
        return -1;
      }
    }
  }

  private void compact(Connection c, EnvelopeLog log, long segment)
      throws IOException, SQLException {
    Path file = files.file(segment);
    if (!Files.exists(file)) {
      if (begun.remove(segment)) {
        LOG.info("envelope log: {} compacted and removed", file.getFileName());
      }
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
          "envelope log: {} removed, no stored message left in it ({} bytes)",
          file.getFileName(),
          size);
      return;
    }
    if (stored[1] * 2 > size) {
      drop(c, segment); // mostly in use: moving it would cost more than it gives back
      return;
    }
    if (begun.add(segment)) {
      LOG.info(
          "envelope log: compacting {}: {} of its {} bytes still in use, to be moved",
          file.getFileName(),
          stored[1],
          size);
    }
    mover.move(c, log, segment);
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
}
