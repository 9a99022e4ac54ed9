package chat.server.internal.storage;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
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
 * Where stored messages' sealed envelopes lie: append-only segment files in {@code envelopes/}
 * beside {@code relay.db}, which keeps only each envelope's place (segment, offset, length).
 *
 * <p>An envelope written into {@code relay.db} was copied twice, into the WAL at commit and into
 * the database file at checkpoint; here it is written once. The writer thread appends each
 * message's envelope while its row is written; the batch's envelopes are gathered and written, and
 * the segments synced, by {@link #force()} just before the batch's transaction commits, so a
 * committed row's envelope is on disk before the row is. Where the file system allows it they are
 * written around the page cache ({@code O_DIRECT}) in whole blocks, each batch beginning at a
 * block: copied into the page cache instead, they cost the writer thread most of its processor
 * time. What a failed write or batch appended is given back ({@link #resetTo}); what a crash left
 * after the last committed envelope is cut off when the log is opened again.
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
  private static final String PROBE_FILE = "direct-probe";

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

  private final long segmentBytes;

  private final LogOwnership ownership;
  private final int align;
  private final ByteBuffer pending;
  private long segment;
  private long written;
  private FileChannel channel;
  private final Set<FileChannel> unforced = new LinkedHashSet<>();

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
    this.segmentBytes = segmentBytes;
    this.ownership = ownership;
    this.align = align;
    this.pending =
        ownership.owned()
            ? ByteBuffer.allocateDirect(PENDING_BYTES + align).alignedSlice(align)
            : null;
    this.segment = segment;
    this.written = roundUp(committedEnd, align);
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
    Path directory = FilePermissions.ownerOnlyDirectory(dataDir.resolve(DIRECTORY));
    LogOwnership ownership = LogOwnership.take(directory);
    EnvelopeLog log = null;
    try {
      long[] end = committedEnd(writer);
      int align = direct && ownership.owned() ? directAlignment(directory) : 1;
      log = new EnvelopeLog(directory, segmentBytes, ownership, align, end[0], end[1]);
      if (ownership.owned()) {
        log.compactions.load(writer, log.recover(writer, end[1]));
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

  /**
   * The file system's block size if files in {@code directory} can be written around the page cache
   * ({@code O_DIRECT}), else 1. Writing each envelope through the page cache cost the writer thread
   * most of its processor time: the kernel copying it into pages it had to find first.
   */
  private static int directAlignment(Path directory) {
    try {
      long block = Files.getFileStore(directory).getBlockSize();
      if (block < 512 || block > 65536 || Long.bitCount(block) != 1) {
        return 1;
      }
      // Not on the lock file: closing any channel to it would drop this process's lock.
      Path probe = directory.resolve(PROBE_FILE);
      try {
        FileChannel.open(probe, CREATE, WRITE, ExtendedOpenOption.DIRECT).close();
      } finally {
        Files.deleteIfExists(probe);
      }
      return (int) block;
    } catch (IOException | UnsupportedOperationException e) {
      LOG.info("envelope log written through the page cache ({})", e.toString());
      return 1;
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
  private List<Long> recover(Connection writer, long committedEnd)
      throws IOException, SQLException {
    SegmentCheck.requireStoredEnvelopes(writer, files); // first: a refusal changes nothing
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
    FileChannel current = channel();
    if (current.size() > committedEnd) {
      // Mostly the padding of the last block written around the page cache: not worth an INFO.
      LOG.debug(
          "envelope log: {} bytes after the last committed envelope cut off",
          current.size() - committedEnd);
      current.truncate(committedEnd);
      current.force(true);
    }
    // The folder and the current segment may have just been created.
    files.sync();
    SegmentFiles.sync(files.directory().getParent());
    return earlier;
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

  private long position() {
    return pending == null ? written : written + pending.position();
  }

  /** Where the next append goes; give it to {@link #resetTo} to undo the appends after it. */
  Mark mark() {
    return new Mark(segment, position());
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
    if (position() > 0 && position() + sealed.length > segmentBytes) {
      roll();
    }
    Place place = new Place(segment, position(), sealed.length);
    int from = 0;
    while (from < sealed.length) {
      int n = Math.min(pending.remaining(), sealed.length - from);
      pending.put(sealed, from, n);
      from += n;
      if (!pending.hasRemaining()) {
        flush(); // full, so a multiple of the alignment: no padding inside an envelope
      }
    }
    return place;
  }

  /**
   * Writes the gathered appends at {@link #written}, the last block filled up with zeros when the
   * log is written around the page cache; the next append begins after them.
   */
  private void flush() throws IOException {
    int length = pending.position();
    if (length == 0) {
      return;
    }
    int padded = (int) roundUp(length, align);
    while (pending.position() < padded) {
      pending.put((byte) 0);
    }
    pending.flip();
    FileChannel out = channel();
    long at = written;
    while (pending.hasRemaining()) {
      at += out.write(pending, at);
    }
    pending.clear();
    written += padded;
    unforced.add(out);
  }

  /** Makes every append so far durable (the writer thread only, before its batch commits). */
  void force() throws IOException {
    if (pending != null) {
      flush();
    }
    if (unforced.isEmpty()) {
      return;
    }
    for (FileChannel each : unforced) {
      each.force(false);
    }
    unforced.clear();
  }

  /**
   * Gives back what was appended after {@code mark}, for a write or batch that failed before its
   * envelopes were synced: what was not written yet is dropped, what was is overwritten with zeros.
   * Best effort: what this cannot undo is cut off at the next open if it is at the end, since no
   * committed row refers to it.
   */
  void resetTo(Mark mark) {
    if (pending == null) {
      return; // never appended
    }
    pending.clear(); // a write that failed may have left it flipped
    try {
      while (segment > mark.segment()) {
        closeChannel();
        Files.deleteIfExists(file(segment));
        segment--;
        // Cut at its last committed end if the relay has restarted since: not a block boundary.
        written = roundUp(Files.exists(file(segment)) ? Files.size(file(segment)) : 0, align);
      }
      if (mark.position() >= written) {
        pending.position((int) (mark.position() - written)); // not written yet: dropped
        // unless a write that failed got part of it into the file
        files.zeroAfter(segment, written);
        return;
      }
      files.zeroAfter(segment, mark.position());
    } catch (IOException e) {
      LOG.warn("could not give back an envelope that was not stored: {}", e.toString());
    }
    if (segment == mark.segment() && mark.position() < written) {
      written = roundUp(mark.position(), align);
    }
  }

  private void roll() throws IOException {
    flush();
    FileChannel old = channel;
    if (old != null) {
      old.force(false);
      unforced.remove(old);
      closeChannel();
    }
    compactions.closed(segment);
    segment++;
    written = 0;
    // A segment left by a batch given back is begun again from nothing.
    Files.deleteIfExists(file(segment));
    channel();
    files.sync();
  }

  private FileChannel channel() throws IOException {
    if (channel == null) {
      Path file = FilePermissions.ownerOnlyFile(file(segment));
      channel =
          align > 1
              ? FileChannel.open(file, WRITE, ExtendedOpenOption.DIRECT)
              : FileChannel.open(file, WRITE);
    }
    return channel;
  }

  private void closeChannel() throws IOException {
    if (channel != null) {
      unforced.remove(channel);
      FileChannel closing = channel;
      channel = null;
      closing.close();
    }
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
    if (erasures.erasePiece(c, segment)) {
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
      erasures.eraseAll(c, segment);
    }
  }

  /** The segment appends go to. */
  long currentSegment() {
    return segment;
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
        closeChannel();
      } finally {
        ownership.close();
      }
    }
  }
}
