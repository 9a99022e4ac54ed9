package chat.server.internal.storage;

import chat.server.internal.storage.EnvelopeLog.Place;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deleted messages' envelopes in the envelope log: their places are recorded in {@code
 * envelope_erasures} in the transaction that deletes the rows, and erased once it has committed, a
 * piece at a time between group commits (a segment no row refers to any more is deleted, other
 * places are overwritten with zeros), then the records go. The writer thread's only.
 */
final class EnvelopeErasures {
  /** The most places one {@link #eraseSome} takes off. */
  static final int MAX_PLACES = 4096;

  private static final Logger LOG = LoggerFactory.getLogger(EnvelopeErasures.class);

  private final SegmentFiles files;

  /** The most a piece overwrites: an eighth of a segment, 8 MiB for the relay's. */
  private final long pieceBytes;

  private boolean noted;

  /** Whether the last piece failed: it waits for the next commit ({@link #committed}). */
  private boolean failed;

  /** Erasures in {@code files}, whose segments are {@code segmentBytes} long at most. */
  EnvelopeErasures(SegmentFiles files, long segmentBytes) {
    this.files = files;
    this.pieceBytes = Math.max(1, segmentBytes / 8);
  }

  /** Whether recorded places may be left to erase and a piece may be tried now. */
  boolean due() {
    return noted && !failed;
  }

  /** A group commit came: a piece that failed is worth trying again. */
  void committed() {
    failed = false;
  }

  /**
   * Erases a piece ({@link #eraseSome}, at most an eighth of a segment overwritten) if places may
   * be left. A failure of any kind is logged and the piece waits for the next commit: left to the
   * writer's loop, an Error would have it tried again every 20 ms.
   *
   * @return whether it took records off
   */
  boolean erasePiece(Connection c, long current) {
    if (!noted) {
      return false;
    }
    try {
      return eraseSome(c, current, pieceBytes) > 0;
    } catch (IOException | SQLException | RuntimeException | Error e) {
      failed = true;
      LOG.warn("erasing deleted messages' envelopes failed, to be retried: {}", e.toString());
      return false;
    }
  }

  /**
   * Erases everything recorded, as the writer stops: deleted messages' envelopes are not left on
   * disk until the next start (a backup taken while the relay is stopped would hold them). A
   * failure is logged; the next start finishes it.
   */
  void eraseAll(Connection c, long current) {
    if (!noted) {
      return;
    }
    try {
      erase(c, current);
    } catch (IOException | SQLException | RuntimeException e) {
      LOG.warn(
          "erasing deleted messages' envelopes failed as the relay stopped; the next start"
              + " finishes it: {}",
          e.toString());
    }
  }

  /**
   * Records, in the transaction on {@code c}, the envelopes of {@code conversation}'s stored
   * messages; call before deleting those rows.
   */
  void record(Connection c, String conversation) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO envelope_erasures (segment, place, length)"
                + " SELECT segment, place, length FROM messages"
                + " WHERE segment IS NOT NULL AND conversation = ?")) {
      s.setString(1, conversation);
      if (s.executeUpdate() > 0) {
        noted = true;
      }
    }
  }

  /**
   * Records, in the transaction on {@code c}, that {@code places} are to be erased once it commits:
   * the old copies of envelopes that compaction moved.
   */
  void record(Connection c, List<Place> places) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO envelope_erasures (segment, place, length) VALUES (?, ?, ?)")) {
      for (Place place : places) {
        s.setLong(1, place.segment());
        s.setLong(2, place.offset());
        s.setInt(3, place.length());
        s.executeUpdate();
      }
    }
    noted = true;
  }

  /** Whether recorded places may be left to erase (no query needed to know). */
  boolean noted() {
    return noted;
  }

  /**
   * Erases every recorded place, keeping segment {@code current} (appended to) however empty (as
   * the log is opened or the writer stops: nothing waits for it).
   *
   * @return whether anything was recorded
   */
  boolean erase(Connection c, long current) throws IOException, SQLException {
    boolean any = false;
    while (eraseSome(c, current, Long.MAX_VALUE) > 0) {
      any = true;
    }
    return any;
  }

  /**
   * Erases the oldest recorded places, at most {@value #MAX_PLACES} of them and at most {@code
   * maxBytes} overwritten with zeros (at least one place), keeping segment {@code current} however
   * empty: other places are overwritten with zeros and synced, then the files of segments no row
   * refers to any more are deleted and the folder synced; then their records go and the segments
   * zeroed are listed as candidates for {@link EnvelopeCompactions}, in one commit. A deletion of
   * many messages is thus erased a piece at a time between group commits, each piece delaying
   * writes by little. What fails is left recorded: the next call or the next start finishes it.
   *
   * @return how many records it took off (0: none were left)
   */
  int eraseSome(Connection c, long current, long maxBytes) throws IOException, SQLException {
    noted = true;
    List<Long> records = new ArrayList<>();
    List<Place> places = new ArrayList<>();
    Set<Long> unused = new LinkedHashSet<>();
    Set<Long> used = new LinkedHashSet<>();
    long bytes = 0;
    int read = 0;
    boolean stopped = false;
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT rowid, segment, place, length FROM envelope_erasures ORDER BY rowid LIMIT "
                + MAX_PLACES)) {
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Place place = new Place(r.getLong(2), r.getLong(3), r.getInt(4));
          long segment = place.segment();
          read++;
          if (segment != current && !used.contains(segment) && !unused.contains(segment)) {
            (referenced(c, segment) ? used : unused).add(segment); // one look-up per segment
          }
          boolean zeroed = !unused.contains(segment); // a segment deleted whole costs no zeros
          if (zeroed && !places.isEmpty() && bytes + place.length() > maxBytes) {
            stopped = true;
            break;
          }
          records.add(r.getLong(1));
          if (zeroed) {
            places.add(place);
            bytes += place.length();
          }
        }
      }
    }
    if (records.isEmpty()) {
      noted = false;
      return 0;
    }
    files.zero(places);
    for (long each : unused) {
      Files.deleteIfExists(files.file(each));
    }
    if (!unused.isEmpty()) {
      files.sync();
    }
    clear(c, records, places);
    // Only this thread records erasures: what is left is what this piece did not take, or may
    // follow a full read (then the next call finds out).
    noted = stopped || read == MAX_PLACES;
    return records.size();
  }

  /**
   * Takes {@code records} off and lists the segments of {@code zeroed} (now partly zeros) as
   * candidates for compaction, in one commit.
   */
  private static void clear(Connection c, List<Long> records, List<Place> zeroed)
      throws SQLException {
    Transactions.inOne(
        c,
        () -> {
          try (PreparedStatement candidate =
                  c.prepareStatement(
                      "INSERT OR IGNORE INTO envelope_compactions (segment) VALUES (?)");
              PreparedStatement done =
                  c.prepareStatement("DELETE FROM envelope_erasures WHERE rowid = ?")) {
            long last = -1;
            for (Place place : zeroed) {
              if (place.segment() != last) {
                last = place.segment();
                candidate.setLong(1, last);
                candidate.executeUpdate();
              }
            }
            for (long record : records) {
              done.setLong(1, record);
              done.executeUpdate();
            }
          }
        });
  }

  /** Whether a row refers to {@code segment}: one look-up of the index. */
  static boolean referenced(Connection c, long segment) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT 1 FROM messages WHERE segment IS NOT NULL AND segment = ? LIMIT 1")) {
      s.setLong(1, segment);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }
}
