package chat.server.internal.storage;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import chat.server.internal.storage.EnvelopeLog.Place;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The segment files of the envelope log's folder: their names, reads from any thread, and zeroing
 * through the page cache (a place need not lie on a block).
 */
final class SegmentFiles {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentFiles.class);
  private static final Pattern NAME = Pattern.compile("[0-9a-f]{16}\\.seg");
  private static final int ZEROS_BYTES = 64 * 1024;

  private final Path directory;

  SegmentFiles(Path directory) {
    this.directory = directory;
  }

  Path directory() {
    return directory;
  }

  /** The file of segment {@code number}. */
  Path file(long number) {
    return directory.resolve(fileName(number));
  }

  /** The name of segment {@code number}'s file. */
  static String fileName(long number) {
    return HexFormat.of().toHexDigits(number).toLowerCase(Locale.ROOT) + ".seg";
  }

  /** The segment number a file of this folder is named for, or -1 if it is not a segment. */
  static long number(Path file) {
    String name = file.getFileName().toString();
    return NAME.matcher(name).matches() ? Long.parseUnsignedLong(name.substring(0, 16), 16) : -1;
  }

  /** The envelope at {@code place}. */
  byte[] read(Place place) throws IOException {
    return read(List.of(place)).get(0);
  }

  /** The envelopes at {@code places}, all in one segment, read through one channel. */
  List<byte[]> read(List<Place> places) throws IOException {
    if (places.isEmpty()) {
      return List.of();
    }
    long segment = places.get(0).segment();
    List<byte[]> out = new ArrayList<>(places.size());
    try (FileChannel in = FileChannel.open(file(segment), READ)) {
      for (Place place : places) {
        if (place.segment() != segment) {
          throw new IllegalArgumentException("places in more than one segment");
        }
        byte[] envelope = new byte[place.length()];
        ByteBuffer buffer = ByteBuffer.wrap(envelope);
        long at = place.offset();
        while (buffer.hasRemaining()) {
          int read = in.read(buffer, at);
          if (read < 0) {
            throw new IOException("envelope segment " + segment + " ends early");
          }
          at += read;
        }
        out.add(envelope);
      }
    } catch (NoSuchFileException e) {
      throw new IOException("envelope segment " + segment + " is missing", e);
    }
    return out;
  }

  /** Overwrites with zeros whatever segment {@code number} holds from {@code offset} on. */
  void zeroAfter(long number, long offset) throws IOException {
    Path file = file(number);
    if (Files.exists(file) && Files.size(file) > offset) {
      zero(List.of(new Place(number, offset, (int) (Files.size(file) - offset))));
    }
  }

  /**
   * Overwrites {@code places} with zeros, as far as their files reach, and makes that durable: one
   * channel and one sync per segment. A segment that is gone is skipped.
   */
  void zero(List<Place> places) throws IOException {
    Map<Long, FileChannel> opened = new LinkedHashMap<>();
    try {
      for (Place place : places) {
        FileChannel out = opened.get(place.segment());
        if (out == null) {
          Path file = file(place.segment());
          if (!Files.exists(file)) {
            continue;
          }
          out = FileChannel.open(file, WRITE);
          opened.put(place.segment(), out);
        }
        long end = Math.min(place.offset() + place.length(), out.size());
        if (end > place.offset()) {
          zero(out, place.offset(), end - place.offset());
        }
      }
      for (FileChannel each : opened.values()) {
        each.force(false);
      }
    } finally {
      for (FileChannel each : opened.values()) {
        each.close();
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

  /** Makes a segment's creation or removal durable, where the platform allows it. */
  void sync() {
    sync(directory);
  }

  /** Makes a file's creation or removal in {@code folder} durable, where the platform allows it. */
  static void sync(Path folder) {
    try (FileChannel dir = FileChannel.open(folder, READ)) {
      dir.force(true);
    } catch (UnsupportedOperationException e) {
      LOG.debug("folder not synced: {}", e.toString());
    } catch (IOException e) {
      // Some platforms cannot sync a folder at all; where one fails, the operator should hear of
      // it.
      LOG.warn("folder {} not synced: {}", folder, e.toString());
    }
  }
}
