package chat.server.internal.storage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where stored messages' sealed envelopes lie: append-only segment files in {@code envelopes/}
 * beside {@code relay.db}, which keeps only each envelope's place (segment, offset, length).
 *
 * <p>An envelope written into {@code relay.db} was copied twice, into the WAL at commit and into
 * the database file at checkpoint; here it is written once. The writer thread appends each
 * message's envelope while its row is written; the batch's envelopes are gathered and written, and
 * the segments synced, by {@link #force()} just before the batch's transaction commits, so a
 * committed row's envelope is on disk before the row is ({@link SegmentAppender}). Where the file
 * system allows it they are written around the page cache ({@code O_DIRECT}, {@link DirectWrites})
 * in whole blocks, each batch beginning at a block: copied into the page cache instead, they cost
 * the writer thread most of its processor time. What a failed write or batch appended is given back
 * ({@link #resetTo}); what a crash left after the last committed envelope is cut off when the log
 * is opened again.
 *
 * <p>Deleting rows records their places in {@code envelope_erasures} in the same transaction; after
 * the commit the writer overwrites those bytes with zeros (as {@code secure_delete} does for rows)
 * or, once no row refers to a segment, deletes the segment file, 8 MiB at a time between group
 * commits ({@link #erasePending}, {@link #housekeep}). Erasures a crash interrupted are finished
 * when the log is opened again. A segment left mostly empty, by erasures or by the padding of small
 * group commits, has what is left in it moved to the end of the log and its file deleted, a step at
 * a time between group commits ({@link #housekeep}, {@link EnvelopeCompactions}).
 *
 * <p>One process owns the log: the first to open it holds {@code envelopes/lock} until it closes
 * it. Another process that opens the same data directory meanwhile (an operator command beside a
 * running relay), or a second opening in the same process, can read envelopes but not append, and
 * changes nothing when it opens ({@link LogOwnership}).
 *
 * <p>Only the writer thread appends, forces, resets, erases and compacts; {@link #read} is safe
 * from any thread.
 */
public final class EnvelopeLog implements AutoCloseable {
  /** The folder inside the data directory. */
  public static final String DIRECTORY = "envelopes";

  /** A segment is closed and the next one begun once an append would take it past this size. */
  static final long SEGMENT_BYTES = 64L * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(EnvelopeLog.class);

  /**
   * How much of a batch's appends is gathered before it is written: a batch of bigger envelopes is
   * written in several pieces of this size.
   */
  static final int PENDING_BYTES = 4 * 1024 * 1024;

  /** Where one envelope lies. */
  public record Place(long segment, long offset, int length) {}

  /** A point in the log to give appends back to. */
  record Mark(long segment, long position) {}

  private final SegmentFiles files;
  private final EnvelopeErasures erasures;
  private final EnvelopeCompactions compactions;
  private final LogOwnership ownership;
  private final int align;
  private final SegmentAppender appender;

  private EnvelopeLog(
      Path directory,
      long segmentBytes,
      LogOwnership ownership,
      int align,
      long segment,
      long committedEnd) {
    this.files = new SegmentFiles(directory);
    this.erasures = new EnvelopeErasures(files, segmentBytes);
    this.compactions = new EnvelopeCompactions(files, erasures, segmentBytes);
    this.ownership = ownership;
    this.align = align;
    this.appender =
        new SegmentAppender(
            files, compactions, segmentBytes, align, ownership.owned(), segment, committedEnd);
  }

  /**
   * Opens the log of {@code dataDir} (creating its folder owner-only), with segments of {@code
   * segmentBytes} ({@link #SEGMENT_BYTES} for the relay), written around the page cache if {@code
   * direct} and the file system allows it. If no other process has it open, this one owns it: it
   * finishes on {@code writer} any erasure a crash interrupted and cuts off whatever lies after the
   * last committed envelope. Otherwise the log is only read ({@link #owned()} is false).
   */
  static EnvelopeLog open(Path dataDir, Connection writer, long segmentBytes, boolean direct)
      throws IOException, SQLException {
    return open(dataDir, writer, segmentBytes, direct, OpeningCheck.NONE);
  }

  /**
   * A check of what {@code relay.db} and the log hold together, made as a log this process owns is
   * opened, before recovery changes anything in it (it cuts off what lies after the last committed
   * envelope, which with another copy's {@code relay.db} would be that copy's envelopes).
   */
  @FunctionalInterface
  public interface OpeningCheck {
    /** No check. */
    OpeningCheck NONE = (c, log, after) -> {};

    /**
     * Throws, saying why and what to do, if the log may not be used with {@code c}'s database;
     * {@code bytesAfterCommitted} lie in the log after the last envelope the database names (beyond
     * the padding of its last block), which recovery is about to cut off: after a crash, at most
     * what the last batch wrote before its commit.
     *
     * @throws IOException to refuse the log; nothing was changed in it
     */
    void check(Connection c, EnvelopeLog log, long bytesAfterCommitted)
        throws IOException, SQLException;
  }

  /** As {@link #open(Path, Connection, long, boolean)}, with {@code check} made first. */
  static EnvelopeLog open(
      Path dataDir, Connection writer, long segmentBytes, boolean direct, OpeningCheck check)
      throws IOException, SQLException {
    Path directory = FilePermissions.ownerOnlyDirectory(dataDir.resolve(DIRECTORY));
    LogOwnership ownership = LogOwnership.take(directory);
    EnvelopeLog log = null;
    try {
      long[] end = committedEnd(writer);
      int align = direct && ownership.owned() ? DirectWrites.alignment(directory) : 1;
      log = new EnvelopeLog(directory, segmentBytes, ownership, align, end[0], end[1]);
      if (ownership.owned()) {
        log.compactions.load(writer, log.recover(writer, end[1], check));
      }
      return log;
    } catch (IOException | SQLException | RuntimeException e) {
      try {
        if (log != null) {
          log.close();
        } else {
          ownership.close();
        }
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  /** The first multiple of {@code align} at or after {@code n}. */
  static long roundUp(long n, int align) {
    return (n + align - 1) / align * align;
  }

  /**
   * Whether this process owns the log and may append to it; false while another process (a running
   * relay) has it open.
   */
  public boolean owned() {
    return ownership.owned();
  }

  /**
   * Finishes what a crash interrupted: erasures, segments begun after the last commit, what lies
   * after the last committed envelope.
   *
   * @return the segments below the current one, whose files are there
   */
  private List<Long> recover(Connection writer, long committedEnd, OpeningCheck check)
      throws IOException, SQLException {
    SegmentCheck.requireStoredEnvelopes(writer, files); // first: a refusal changes nothing
    check.check(writer, this, bytesAfter(committedEnd));
    long segment = appender.segment();
    erasures.erase(writer, segment);
    List<Long> earlier = new ArrayList<>();
    try (DirectoryStream<Path> each = Files.newDirectoryStream(files.directory())) {
      for (Path file : each) {
        long number = SegmentFiles.number(file);
        if (number > segment) {
          LOG.info("envelope log: {} removed, begun after the last commit", file.getFileName());
          Files.delete(file);
        } else {
          FilePermissions.restrict(file);
          if (number >= 0 && number < segment) {
            earlier.add(number);
          }
        }
      }
    }
    appender.cutOffAfter(committedEnd);
    // The folder and the current segment may have just been created.
    files.sync();
    SegmentFiles.sync(files.directory().getParent());
    return earlier;
  }

  /**
   * The bytes that lie after the last committed envelope, which ends at {@code committedEnd} in the
   * current segment, beyond its last block's padding: in that segment and in any after it.
   */
  private long bytesAfter(long committedEnd) throws IOException {
    long segment = appender.segment();
    long after = 0;
    try (DirectoryStream<Path> each = Files.newDirectoryStream(files.directory())) {
      for (Path file : each) {
        long number = SegmentFiles.number(file);
        if (number == segment) {
          after += Math.max(0, Files.size(file) - roundUp(committedEnd, align));
        } else if (number > segment) {
          after += Files.size(file);
        }
      }
    }
    return after;
  }

  /** The segment and end of the last committed envelope; segment 0, offset 0 if there is none. */
  private static long[] committedEnd(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT segment, place + length FROM messages WHERE segment IS NOT NULL"
                    + " ORDER BY segment DESC, place DESC LIMIT 1")) {
      return r.next() ? new long[] {r.getLong(1), r.getLong(2)} : new long[] {0, 0};
    }
  }

  Path file(long number) {
    return files.file(number);
  }

  /** The folder the segments lie in. */
  public Path directory() {
    return files.directory();
  }

  /**
   * What writes must be aligned to: the block size when the log is written around the page cache,
   * else 1. Each batch's appends begin at a multiple of it.
   */
  int alignment() {
    return align;
  }

  /** Where the next append goes; give it to {@link #resetTo} to undo the appends after it. */
  Mark mark() {
    return appender.mark();
  }

  /**
   * Appends {@code sealed} at the end of the log (the writer thread only). It is gathered with the
   * batch's other appends, written by the next {@link #force()} (or sooner, in pieces of {@link
   * #PENDING_BYTES}) and durable once that returns.
   */
  Place append(byte[] sealed) throws IOException {
    if (!ownership.owned()) {
      throw new IOException(
          "the envelope log is in use by another process (a relay running on this data directory)");
    }
    return appender.append(sealed);
  }

  /** Makes every append so far durable (the writer thread only, before its batch commits). */
  void force() throws IOException {
    appender.force();
  }

  /**
   * Gives back what was appended after {@code mark}, for a write or batch that failed before its
   * envelopes were synced: what was not written yet is dropped, what was is overwritten with zeros.
   * Best effort: what this cannot undo is cut off at the next open if it is at the end, since no
   * committed row refers to it.
   */
  void resetTo(Mark mark) {
    appender.resetTo(mark);
  }

  /** Reads the envelope at {@code place}; safe from any thread. */
  public byte[] read(Place place) throws IOException {
    return files.read(place);
  }

  /**
   * Records, in the transaction on {@code c}, that the envelopes of {@code conversation}'s stored
   * messages are to be erased once it commits; call before deleting those rows.
   */
  void recordErasures(Connection c, String conversation) throws SQLException {
    erasures.record(c, conversation);
  }

  /**
   * Records, in the transaction on {@code c}, that the envelope at {@code place} is to be erased
   * once it commits; call before deleting its row.
   */
  void recordErasure(Connection c, Place place) throws SQLException {
    erasures.record(c, List.of(place));
  }

  /**
   * In the batch's transaction on {@code c}, just before it commits: lists the segments closed and
   * not listed yet (those the batch closed, as a rule) for compaction, so that the listing commits
   * with the batch's rows ({@link EnvelopeCompactions#listClosedIn}).
   */
  void listClosedSegments(Connection c) throws SQLException {
    if (ownership.owned()) {
      compactions.listClosedIn(c);
    }
  }

  /**
   * After a commit, on the writer thread: forgets the segments the batch closed, which its commit
   * listed ({@link #listClosedSegments}), and erases a piece of what deletions recorded ({@link
   * EnvelopeErasures#erasePiece}). Nothing to do, and no query, unless the batch closed a segment
   * or erasures are recorded.
   */
  void erasePending(Connection c) {
    if (!ownership.owned()) {
      return;
    }
    try {
      compactions.listClosed(c);
    } catch (SQLException e) {
      LOG.warn("listing closed envelope segments for compaction failed: {}", e.toString());
    }
    erasures.committed();
    erasePiece(c);
  }

  private void erasePiece(Connection c) {
    if (erasures.erasePiece(c, appender.segment())) {
      compactions.recorded();
    }
  }

  /** Whether erasures are recorded and not yet done; no query is made to know. */
  boolean erasing() {
    return ownership.owned() && erasures.noted();
  }

  /** Erases everything recorded, as the writer stops ({@link EnvelopeErasures#eraseAll}). */
  void eraseAll(Connection c) {
    if (ownership.owned()) {
      erasures.eraseAll(c, appender.segment());
    }
  }

  /** The segment appends go to. */
  long currentSegment() {
    return appender.segment();
  }

  /**
   * Whether this log owns its folder and has erasures left or mostly empty segments that may wait
   * for {@link #housekeep}; no query is made to know.
   */
  boolean housekeepingDue() {
    return ownership.owned() && (erasures.due() || compactions.due());
  }

  /**
   * One step of housekeeping, on the writer thread between group commits, never inside a
   * transaction: a piece of the recorded erasures if any are left, else a step of compaction (see
   * {@link EnvelopeCompactions}). An erasure that failed waits for the next commit.
   */
  void housekeep(Connection c) {
    if (!ownership.owned()) {
      return;
    }
    if (erasures.due()) {
      erasePiece(c);
    } else {
      compactions.step(c, this);
    }
  }

  /** Makes every append durable, closes the current segment and gives up ownership. */
  @Override
  public void close() throws IOException {
    try {
      force();
    } finally {
      try {
        appender.closeChannel();
      } finally {
        ownership.close();
      }
    }
  }
}
