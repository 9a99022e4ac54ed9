package chat.server.internal.storage;

import chat.server.internal.storage.EnvelopeLog.Place;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Deleted messages' envelopes in the envelope log: their places are recorded in {@code
 * envelope_erasures} in the transaction that deletes the rows, and erased once it has committed (a
 * segment no row refers to any more is deleted, other places are overwritten with zeros), then the
 * records go. The writer thread's only.
 */
final class EnvelopeErasures {
  private final SegmentFiles files;
  private boolean noted;

  EnvelopeErasures(SegmentFiles files) {
    this.files = files;
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

  /** Whether a write since the last erasure recorded places (no query needed to know). */
  boolean noted() {
    return noted;
  }

  /**
   * Erases every recorded place, keeping segment {@code current} (appended to) however empty, and
   * records the segments kept as candidates for {@link EnvelopeCompactions}. Left recorded if it
   * fails: the next erasure or the next start finishes it.
   *
   * @return whether anything was recorded
   */
  boolean erase(Connection c, long current) throws IOException, SQLException {
    noted = true;
    List<Place> places = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT segment, place, length FROM envelope_erasures")) {
      while (r.next()) {
        places.add(new Place(r.getLong(1), r.getLong(2), r.getInt(3)));
      }
    }
    Set<Long> unused = new LinkedHashSet<>();
    Set<Long> used = new HashSet<>();
    for (Place place : places) {
      long segment = place.segment();
      if (segment != current && !used.contains(segment) && !unused.contains(segment)) {
        (referenced(c, segment) ? used : unused).add(segment); // one look-up per segment
      }
    }
    files.zero(places.stream().filter(p -> !unused.contains(p.segment())).toList());
    for (long each : unused) {
      Files.deleteIfExists(files.file(each));
    }
    if (!unused.isEmpty()) {
      files.sync();
    }
    if (!places.isEmpty()) {
      // The segments kept are now partly zeros: candidates for compaction. One commit for both.
      c.setAutoCommit(false);
      boolean committed = false;
      try (Statement s = c.createStatement()) {
        s.execute(
            "INSERT OR IGNORE INTO envelope_compactions (segment)"
                + " SELECT DISTINCT segment FROM envelope_erasures");
        s.execute("DELETE FROM envelope_erasures");
        c.commit();
        committed = true;
      } finally {
        if (!committed) {
          Transactions.endFailed(c, null);
        } else {
          c.setAutoCommit(true);
        }
      }
    }
    noted = false;
    return !places.isEmpty();
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
}
