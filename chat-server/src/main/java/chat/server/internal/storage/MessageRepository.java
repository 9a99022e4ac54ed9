package chat.server.internal.storage;

import chat.crypto.Bytes;
import chat.server.internal.storage.EnvelopeLog.Place;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of the {@code messages} table: sealed envelopes by conversation and sequence number. A
 * row written by this build holds its envelope's place in the {@link EnvelopeLog} and an empty
 * {@code sealed} column; rows stored before schema step 7 hold the sealed envelope inline.
 */
public final class MessageRepository {
  private static final String COLUMNS =
      "SELECT conversation, seq, message_id, stored_at, sealed, segment, place, length, sender,"
          + " deleted_at FROM messages";

  /**
   * A stored row, without its envelope; {@link #sealed} reads its sealed envelope (the at-rest
   * ciphertext of the full envelope) from where it lies. {@code senderKey} is the sender's user key
   * as recorded at store time, null for a row stored before schema step 20 (or without one), and
   * for a deleted message: its row stays, {@code deleted}, without envelope or sender.
   */
  public record MessageRow(
      String conversation,
      long seq,
      Bytes messageId,
      long storedAtMillis,
      SealedAt sealedAt,
      String senderKey,
      boolean deleted) {}

  /** Where a row's sealed envelope lies. */
  public sealed interface SealedAt permits InLog, Inline {}

  /** In the envelope log, at {@code place}: every row stored since schema step 7. */
  public record InLog(Place place) implements SealedAt {}

  /** In the row's own {@code sealed} column: rows stored before schema step 7. */
  public record Inline(Bytes sealed) implements SealedAt {}

  private final EnvelopeLog envelopes;

  /** The messages of a database whose envelopes lie in {@code envelopes}. */
  public MessageRepository(EnvelopeLog envelopes) {
    this.envelopes = envelopes;
  }

  /** True if a message with this id is stored. */
  public boolean exists(Connection c, byte[] messageId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM messages WHERE message_id = ?")) {
      s.setBytes(1, messageId);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  /**
   * Inserts a row, {@code sealed} being its at-rest ciphertext, which is appended to the envelope
   * log (on the writer thread, inside its batch); false if the message id is already stored. {@code
   * senderKey} (null if not known) is the sender's user key, which the envelope's header names too.
   *
   * @throws UncheckedIOException if the envelope log cannot be written
   */
  public boolean insert(
      Connection c,
      String conversation,
      long seq,
      Bytes messageId,
      long storedAtMillis,
      byte[] sealed,
      String senderKey)
      throws SQLException {
    Place place;
    try {
      place = envelopes.append(sealed);
    } catch (IOException e) {
      throw new UncheckedIOException("envelope log: " + e.getMessage(), e);
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO messages (conversation, seq, message_id, stored_at, sealed, segment,"
                + " place, length, sender) VALUES (?, ?, ?, ?, x'', ?, ?, ?, ?)"
                + " ON CONFLICT(message_id) DO NOTHING")) {
      s.setString(1, conversation);
      s.setLong(2, seq);
      s.setBytes(3, messageId.toByteArray());
      s.setLong(4, storedAtMillis);
      s.setLong(5, place.segment());
      s.setLong(6, place.offset());
      s.setInt(7, place.length());
      s.setString(8, senderKey);
      return s.executeUpdate() == 1;
    }
  }

  /** Up to {@code limit} rows with seq below {@code before}, newest first. */
  public List<MessageRow> before(Connection c, String conversation, long before, int limit)
      throws SQLException {
    return query(
        c,
        COLUMNS + " WHERE conversation = ? AND seq < ? ORDER BY seq DESC LIMIT ?",
        conversation,
        before,
        limit);
  }

  /** Up to {@code limit} rows with seq above {@code since}, oldest first. */
  public List<MessageRow> after(Connection c, String conversation, long since, int limit)
      throws SQLException {
    return query(
        c,
        COLUMNS + " WHERE conversation = ? AND seq > ? ORDER BY seq ASC LIMIT ?",
        conversation,
        since,
        limit);
  }

  /**
   * The newest stored message that is not a tombstone, then the oldest (one row if one is stored,
   * none if none is): the two ends of what the relay stored, for the check of its keyset at start.
   */
  public List<MessageRow> newestAndOldest(Connection c) throws SQLException {
    List<MessageRow> out = new ArrayList<>();
    for (String order : List.of("DESC", "ASC")) {
      try (PreparedStatement s =
          c.prepareStatement(
              COLUMNS + " WHERE deleted_at IS NULL ORDER BY rowid " + order + " LIMIT 1")) {
        rows(s).stream().filter(row -> !out.contains(row)).forEach(out::add);
      }
    }
    return out;
  }

  /** The row of the message with this id, if it is stored. */
  public Optional<MessageRow> byId(Connection c, byte[] messageId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(COLUMNS + " WHERE message_id = ?")) {
      s.setBytes(1, messageId);
      return rows(s).stream().findFirst();
    }
  }

  /** The row of message {@code seq} of {@code conversation}, if it is stored. */
  public Optional<MessageRow> row(Connection c, String conversation, long seq) throws SQLException {
    List<MessageRow> rows =
        query(c, COLUMNS + " WHERE conversation = ? AND seq = ? LIMIT ?", conversation, seq, 1);
    return rows.stream().findFirst();
  }

  private List<MessageRow> query(Connection c, String sql, String conversation, long seq, int limit)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, conversation);
      s.setLong(2, seq);
      s.setInt(3, limit);
      return rows(s);
    }
  }

  /**
   * The rows {@code s} selects ({@link #COLUMNS}) without reading their envelopes from the log: a
   * history page that has its readers' forms from an earlier read reads none of them (see {@link
   * #sealed}).
   */
  private static List<MessageRow> rows(PreparedStatement s) throws SQLException {
    List<MessageRow> out = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        byte[] inline = r.getBytes(5);
        long segment = r.getLong(6);
        SealedAt sealedAt =
            r.wasNull()
                ? new Inline(Bytes.of(inline))
                : new InLog(new Place(segment, r.getLong(7), r.getInt(8)));
        out.add(
            new MessageRow(
                r.getString(1),
                r.getLong(2),
                Bytes.of(r.getBytes(3)),
                r.getLong(4),
                sealedAt,
                r.getString(9),
                r.getObject(10) != null));
      }
    }
    return out;
  }

  /**
   * The sealed envelope of {@code row}, read from the envelope log where it lies there; safe from
   * any thread.
   *
   * @throws IOException if it cannot be read (its row deleted since it was selected, and the
   *     segment with it; its envelope moved by compaction, see {@link #row}; or a damaged log)
   */
  public byte[] sealed(MessageRow row) throws IOException {
    if (row.sealedAt() instanceof InLog inLog) {
      return envelopes.read(inLog.place());
    } else if (row.sealedAt() instanceof Inline inline) {
      return inline.sealed().toByteArray();
    }
    throw new AssertionError("sealed where? " + row.sealedAt());
  }

  /**
   * Deletes the stored message {@code messageId} if it is one of {@code conversation}'s and not
   * deleted yet: its row stays as a tombstone (number, id, store time and {@code nowMillis}, the
   * time of the deletion), and its envelope is erased once the transaction commits. Returns whether
   * it was there to delete.
   */
  public boolean delete(Connection c, String conversation, Bytes messageId, long nowMillis)
      throws SQLException {
    Optional<MessageRow> row =
        byId(c, messageId.toByteArray())
            .filter(r -> r.conversation().equals(conversation) && !r.deleted());
    if (row.isEmpty()) {
      return false;
    }
    if (row.get().sealedAt() instanceof InLog inLog) {
      envelopes.recordErasure(c, inLog.place());
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE messages SET sealed = x'', segment = NULL, place = NULL, length = NULL,"
                + " sender = NULL, deleted_at = ? WHERE message_id = ? AND deleted_at IS NULL")) {
      s.setLong(1, nowMillis);
      s.setBytes(2, messageId.toByteArray());
      return s.executeUpdate() == 1;
    }
  }

  /**
   * Deletes every stored message of {@code conversation} (its sequence counter is kept); their
   * envelopes are erased once the transaction commits.
   */
  public int deleteAll(Connection c, String conversation) throws SQLException {
    envelopes.recordErasures(c, conversation);
    try (PreparedStatement s = c.prepareStatement("DELETE FROM messages WHERE conversation = ?")) {
      s.setString(1, conversation);
      return s.executeUpdate();
    }
  }
}
