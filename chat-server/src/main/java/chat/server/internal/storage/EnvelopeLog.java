package chat.server.internal.storage;

import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where stored messages' sealed envelopes lie: append-only segment files in {@code envelopes/}
 * beside {@code relay.db}, which keeps only each envelope's place (segment, offset, length).
 *
 * <p>An envelope written into {@code relay.db} was copied twice, into the WAL at commit and into
 * the database file at checkpoint; here it is written once. The writer thread appends each
 * message's envelope while its row is written, and {@link #force()}s the segments before the
 * batch's transaction commits, so a committed row's envelope is on disk before the row is. What a
 * failed write or batch appended is given back ({@link #resetTo}); what a crash left after the last
 * committed envelope is cut off when the log is opened again.
 *
 * <p>Deleting rows records their places in {@code envelope_erasures} in the same transaction; after
 * the commit the writer overwrites those bytes with zeros (as {@code secure_delete} does for rows)
 * or, once no row refers to a segment, deletes the segment file ({@link #erasePending}). Erasures a
 * crash interrupted are finished when the log is opened again.
 *
 * <p>One process owns the log: the first to open it holds {@code envelopes/lock} until it closes
 * it. Another process that opens the same data directory meanwhile (an operator command beside a
 * running relay) can read envelopes but not append, and changes nothing when it opens.
 *
 * <p>Only the writer thread appends, forces, resets and erases; {@link #read} is safe from any
 * thread.
 */
public final class EnvelopeLog implements AutoCloseable {
  /** The folder inside the data directory. */
  public static final String DIRECTORY = "envelopes";

  /** A segment is closed and the next one begun once an append would take it past this size. */
  static final long SEGMENT_BYTES = 64L * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(EnvelopeLog.class);
  private static final Pattern NAME = Pattern.compile("[0-9a-f]{16}\\.seg");
  private static final int ZEROS_BYTES = 64 * 1024;
  private static final String LOCK_FILE = "lock";

  /** Where one envelope lies. */
  public record Place(long segment, long offset, int length) {}

  /** A point in the log to give appends back to. */
  record Mark(long segment, long position) {}

  private final Path directory;
  private final long segmentBytes;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private long segment;
  private long position;
  private FileChannel channel;
  private final Set<FileChannel> unforced = new LinkedHashSet<>();
  private boolean erasuresNoted;

  private EnvelopeLog(
      Path directory,
      long segmentBytes,
      FileChannel lockChannel,
      FileLock lock,
      long segment,
      long position) {
    this.directory = directory;
    this.segmentBytes = segmentBytes;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.segment = segment;
    this.position = position;
  }

  /**
   * Opens the log of {@code dataDir} (creating its folder owner-only). If no other process has it
   * open, this one owns it: it finishes on {@code writer} any erasure a crash interrupted and cuts
   * off whatever lies after the last committed envelope. Otherwise the log is only read ({@link
   * #owned()} is false).
   */
  static EnvelopeLog open(Path dataDir, Connection writer) throws IOException, SQLException {
    return open(dataDir, writer, SEGMENT_BYTES);
  }

  /** As {@link #open(Path, Connection)}, with segments of {@code segmentBytes} (for tests). */
  static EnvelopeLog open(Path dataDir, Connection writer, long segmentBytes)
      throws IOException, SQLException {
    Path directory = FilePermissions.ownerOnlyDirectory(dataDir.resolve(DIRECTORY));
    FileChannel lockChannel =
        FileChannel.open(FilePermissions.ownerOnlyFile(directory.resolve(LOCK_FILE)), WRITE);
    EnvelopeLog log = null;
    try {
      FileLock lock = tryLock(lockChannel);
      long[] end = committedEnd(writer);
      log = new EnvelopeLog(directory, segmentBytes, lockChannel, lock, end[0], end[1]);
      if (lock != null) {
        log.recover(writer);
      }
      return log;
    } catch (IOException | SQLException | RuntimeException e) {
      try {
        if (log != null) {
          log.close();
        } else {
          lockChannel.close();
        }
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  /** The lock, or null if another process (or another opening in this one) holds it. */
  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException heldHere) {
      return null;
    }
  }

  /**
   * Whether this process owns the log and may append to it; false while another process (a running
   * relay) has it open.
   */
  public boolean owned() {
    return lock != null;
  }

  private void recover(Connection writer) throws IOException, SQLException {
    eraseRecorded(writer);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (NAME.matcher(name).matches() && number(name) > segment) {
          Files.delete(file); // begun, but nothing in it was ever committed
        } else {
          FilePermissions.restrict(file);
        }
      }
    }
    FileChannel current = channel();
    if (current.size() > position) {
      current.truncate(position);
      current.force(true);
    }
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

  private static long number(String name) {
    return Long.parseUnsignedLong(name.substring(0, 16), 16);
  }

  Path file(long number) {
    return directory.resolve(HexFormat.of().toHexDigits(number).toLowerCase(Locale.ROOT) + ".seg");
  }

  /** The folder the segments lie in. */
  public Path directory() {
    return directory;
  }

  /** Where the next append goes; give it to {@link #resetTo} to undo the appends after it. */
  Mark mark() {
    return new Mark(segment, position);
  }

  /**
   * Appends {@code sealed} at the end of the log (the writer thread only). It is durable after the
   * next {@link #force()}.
   */
  Place append(byte[] sealed) throws IOException {
    if (lock == null) {
      throw new IOException(
          "the envelope log is in use by another process (a relay running on this data directory)");
    }
    if (position > 0 && position + sealed.length > segmentBytes) {
      roll();
    }
    FileChannel out = channel();
    ByteBuffer buffer = ByteBuffer.wrap(sealed);
    long at = position;
    while (buffer.hasRemaining()) {
      at += out.write(buffer, at);
    }
    unforced.add(out);
    Place place = new Place(segment, position, sealed.length);
    position = at;
    return place;
  }

  /** Makes every append so far durable (the writer thread only, before its batch commits). */
  void force() throws IOException {
    if (unforced.isEmpty()) {
      return;
    }
    for (FileChannel each : unforced) {
      each.force(false);
    }
    unforced.clear();
  }

  /**
   * Gives back what was appended after {@code mark}, overwriting it with zeros (a write or batch
   * that failed and will not be committed). Best effort: what this cannot undo is cut off at the
   * next open, since no committed row refers to it.
   */
  void resetTo(Mark mark) {
    try {
      while (segment > mark.segment()) {
        closeChannel();
        Files.deleteIfExists(file(segment));
        segment--;
        position = Files.exists(file(segment)) ? Files.size(file(segment)) : 0;
      }
      if (position > mark.position()) {
        zero(channel(), mark.position(), position - mark.position());
      }
    } catch (IOException e) {
      LOG.warn("could not give back an envelope that was not stored: {}", e.toString());
    }
    position = mark.position();
  }

  private void roll() throws IOException {
    FileChannel old = channel;
    if (old != null) {
      old.force(false);
      unforced.remove(old);
      closeChannel();
    }
    segment++;
    position = 0;
    // A segment left by a batch given back is begun again from nothing.
    Files.deleteIfExists(file(segment));
    channel();
    syncDirectory();
  }

  private FileChannel channel() throws IOException {
    if (channel == null) {
      Path file = FilePermissions.ownerOnlyFile(file(segment));
      channel = FileChannel.open(file, StandardOpenOption.WRITE);
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

  /** Makes a segment's creation or removal durable, where the platform allows it. */
  private void syncDirectory() {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debug("envelope directory not synced: {}", e.toString());
    }
  }

  /** Reads the envelope at {@code place}; safe from any thread. */
  public byte[] read(Place place) throws IOException {
    byte[] out = new byte[place.length()];
    ByteBuffer buffer = ByteBuffer.wrap(out);
    try (FileChannel in = FileChannel.open(file(place.segment()), StandardOpenOption.READ)) {
      long at = place.offset();
      while (buffer.hasRemaining()) {
        int read = in.read(buffer, at);
        if (read < 0) {
          throw new IOException("envelope segment " + place.segment() + " ends early");
        }
        at += read;
      }
    } catch (NoSuchFileException e) {
      throw new IOException("envelope segment " + place.segment() + " is missing", e);
    }
    return out;
  }

  /**
   * Records, in the transaction on {@code c}, that the envelopes of the rows {@code where} selects
   * from {@code messages} are to be erased once it commits; call before deleting those rows.
   */
  void recordErasures(Connection c, String where, Object... parameters) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO envelope_erasures (segment, place, length)"
                + " SELECT segment, place, length FROM messages WHERE segment IS NOT NULL AND "
                + where)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setObject(i + 1, parameters[i]);
      }
      if (s.executeUpdate() > 0) {
        erasuresNoted = true;
      }
    }
  }

  /**
   * After a commit, on the writer thread: erases the envelopes whose rows the committed transaction
   * deleted. Nothing to do, and no query, unless a write of the batch recorded erasures.
   */
  void erasePending(Connection c) {
    if (!erasuresNoted || lock == null) {
      return;
    }
    erasuresNoted = false;
    try {
      eraseRecorded(c);
    } catch (IOException | SQLException e) {
      // Left recorded: the next erasure or the next start finishes it.
      erasuresNoted = true;
      LOG.warn("erasing deleted messages' envelopes failed, to be retried: {}", e.toString());
    }
  }

  /**
   * Erases every recorded place: a segment no row refers to any more is deleted, other places are
   * overwritten with zeros and made durable; then the records go.
   */
  private void eraseRecorded(Connection c) throws IOException, SQLException {
    List<Place> places = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT segment, place, length FROM envelope_erasures")) {
      while (r.next()) {
        places.add(new Place(r.getLong(1), r.getLong(2), r.getInt(3)));
      }
    }
    if (places.isEmpty()) {
      return;
    }
    Set<Long> unused = new LinkedHashSet<>();
    for (Place place : places) {
      if (place.segment() != segment && !referenced(c, place.segment())) {
        unused.add(place.segment());
      }
    }
    Set<FileChannel> touched = new LinkedHashSet<>();
    List<FileChannel> opened = new ArrayList<>();
    try {
      for (Place place : places) {
        Path file = file(place.segment());
        if (unused.contains(place.segment()) || !Files.exists(file)) {
          continue;
        }
        FileChannel out;
        if (place.segment() == segment) {
          out = channel();
        } else {
          out = FileChannel.open(file, StandardOpenOption.WRITE);
          opened.add(out);
        }
        long end = Math.min(place.offset() + place.length(), out.size());
        if (end > place.offset()) {
          zero(out, place.offset(), end - place.offset());
          touched.add(out);
        }
      }
      for (FileChannel each : touched) {
        each.force(false);
      }
    } finally {
      for (FileChannel each : opened) {
        each.close();
      }
    }
    for (long each : unused) {
      Files.deleteIfExists(file(each));
    }
    if (!unused.isEmpty()) {
      syncDirectory();
    }
    try (Statement s = c.createStatement()) {
      s.execute("DELETE FROM envelope_erasures");
    }
  }

  private static boolean referenced(Connection c, long segment) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT 1 FROM messages WHERE segment IS NOT NULL AND segment = ? LIMIT 1")) {
      s.setLong(1, segment);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  private static void zero(FileChannel out, long offset, long length) throws IOException {
    ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(length, ZEROS_BYTES));
    long at = offset;
    long end = offset + length;
    while (at < end) {
      zeros.clear().limit((int) Math.min(zeros.capacity(), end - at));
      while (zeros.hasRemaining()) {
        at += out.write(zeros, at);
      }
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
        lockChannel.close(); // releases the lock
      }
    }
  }
}
