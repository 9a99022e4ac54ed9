package chat.server.internal.storage;

import static java.nio.file.StandardOpenOption.WRITE;

import chat.server.internal.storage.EnvelopeLog.Mark;
import chat.server.internal.storage.EnvelopeLog.Place;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of the envelope log, where appends go: a batch's envelopes are gathered in one buffer,
 * written at the end of the current segment in whole blocks of the log's alignment (the last one
 * filled up with zeros), and synced by {@link #force()}; a segment is closed and the next begun
 * once an append would take it past its size. What a failed write or batch appended is given back
 * ({@link #resetTo}). The writer thread only; see {@link EnvelopeLog}.
 */
final class SegmentAppender {
  /** Under the log's name: these are its log lines, which operators may filter on. */
  private static final Logger LOG = LoggerFactory.getLogger(EnvelopeLog.class);

  private final SegmentFiles files;
  private final EnvelopeCompactions compactions;
  private final long segmentBytes;
  private final int align;
  private final ByteBuffer pending;
  private long segment;
  private long written;
  private FileChannel channel;
  private final Set<FileChannel> unforced = new LinkedHashSet<>();

  /**
   * The end of the log in {@code files} after the last committed envelope, which ends at {@code
   * committedEnd} in {@code segment}; with no buffer to gather appends in unless {@code owned}.
   * Each segment it closes is told to {@code compactions}.
   */
  SegmentAppender(
      SegmentFiles files,
      EnvelopeCompactions compactions,
      long segmentBytes,
      int align,
      boolean owned,
      long segment,
      long committedEnd) {
    this.files = files;
    this.compactions = compactions;
    this.segmentBytes = segmentBytes;
    this.align = align;
    this.pending =
        owned
            ? ByteBuffer.allocateDirect(EnvelopeLog.PENDING_BYTES + align).alignedSlice(align)
            : null;
    this.segment = segment;
    this.written = EnvelopeLog.roundUp(committedEnd, align);
  }

  /** The segment appends go to. */
  long segment() {
    return segment;
  }

  private long position() {
    return pending == null ? written : written + pending.position();
  }

  /** Where the next append goes. */
  Mark mark() {
    return new Mark(segment, position());
  }

  /**
   * Cuts off what lies after {@code committedEnd} in the current segment, creating its file if it
   * is missing: what a crash left after the last committed envelope.
   */
  void cutOffAfter(long committedEnd) throws IOException {
    FileChannel current = channel();
    if (current.size() > committedEnd) {
      // Mostly the padding of the last block written around the page cache: not worth an INFO.
      LOG.debug(
          "envelope log: {} bytes after the last committed envelope cut off",
          current.size() - committedEnd);
      current.truncate(committedEnd);
      current.force(true);
    }
  }

  /** See {@link EnvelopeLog#append}; this log must own its folder. */
  Place append(byte[] sealed) throws IOException {
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
    int padded = (int) EnvelopeLog.roundUp(length, align);
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

  /** Makes every append so far durable. */
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

  /** See {@link EnvelopeLog#resetTo}. */
  void resetTo(Mark mark) {
    if (pending == null) {
      return; // never appended
    }
    pending.clear(); // a write that failed may have left it flipped
    try {
      while (segment > mark.segment()) {
        closeChannel();
        Files.deleteIfExists(files.file(segment));
        segment--;
        // Cut at its last committed end if the relay has restarted since: not a block boundary.
        Path file = files.file(segment);
        written = EnvelopeLog.roundUp(Files.exists(file) ? Files.size(file) : 0, align);
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
      written = EnvelopeLog.roundUp(mark.position(), align);
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
    Files.deleteIfExists(files.file(segment));
    channel();
    files.sync();
  }

  private FileChannel channel() throws IOException {
    if (channel == null) {
      Path file = FilePermissions.ownerOnlyFile(files.file(segment));
      channel =
          align > 1
              ? FileChannel.open(file, WRITE, DirectWrites.DIRECT)
              : FileChannel.open(file, WRITE);
    }
    return channel;
  }

  /** Closes the current segment's file; the next append opens it again. */
  void closeChannel() throws IOException {
    if (channel != null) {
      unforced.remove(channel);
      FileChannel closing = channel;
      channel = null;
      closing.close();
    }
  }
}
