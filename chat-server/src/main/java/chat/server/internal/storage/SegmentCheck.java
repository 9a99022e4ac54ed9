package chat.server.internal.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Checks, as the envelope log is opened, that every segment a stored message lies in is there and
 * long enough to hold that message's envelope. A segment lost or cut short (a file system that lost
 * a file's tail, {@code envelopes/} restored from another copy than {@code relay.db}) would
 * otherwise show only as history reads that come up empty, and a missing current segment would be
 * begun again from nothing, so that putting the real one back later would lose what was stored
 * since. The relay refuses to start instead, and says which file.
 */
final class SegmentCheck {
  private static final String NEXT_SEGMENT =
      "SELECT MIN(segment) FROM messages WHERE segment IS NOT NULL AND segment > ?";

  /** The end of the last envelope in a segment (the index on segment and place finds it). */
  private static final String SEGMENT_END =
      "SELECT place + length FROM messages WHERE segment = ? ORDER BY place DESC LIMIT 1";

  private SegmentCheck() {}

  /**
   * Throws {@link IOException} naming the first segment of {@code files} that a message stored in
   * {@code c} lies in but that is missing or ends before that message's envelope does. One indexed
   * look-up per segment, so it costs little however many messages there are.
   */
  static void requireStoredEnvelopes(Connection c, SegmentFiles files)
      throws IOException, SQLException {
    try (PreparedStatement next = c.prepareStatement(NEXT_SEGMENT);
        PreparedStatement end = c.prepareStatement(SEGMENT_END)) {
      long segment = -1;
      while (true) {
        next.setLong(1, segment);
        try (ResultSet r = next.executeQuery()) {
          r.next(); // MIN gives one row, NULL once no segment is left
          segment = r.getLong(1);
          if (r.wasNull()) {
            return;
          }
        }
        end.setLong(1, segment);
        long needed;
        try (ResultSet r = end.executeQuery()) {
          r.next();
          needed = r.getLong(1);
        }
        require(files.file(segment), needed);
      }
    }
  }

  private static void require(Path file, long needed) throws IOException {
    String name = EnvelopeLog.DIRECTORY + "/" + file.getFileName();
    String advice = ": relay.db and envelopes/ must come from the same copy of the data directory";
    if (!Files.isRegularFile(file)) {
      throw new IOException("envelope segment " + name + " is missing" + advice);
    }
    long size = Files.size(file);
    if (size < needed) {
      throw new IOException(
          "envelope segment "
              + name
              + " ends at byte "
              + size
              + " but stored messages lie in it up to byte "
              + needed
              + advice);
    }
  }
}
