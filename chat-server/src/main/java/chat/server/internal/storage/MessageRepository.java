package chat.server.internal.storage;

import chat.crypto.Bytes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The SQL of the {@code messages} table: sealed envelopes by conversation and sequence number. */
public final class MessageRepository {
  /** A stored row; {@code sealed} is the at-rest ciphertext of the full envelope. */
  public record MessageRow(
      String conversation, long seq, Bytes messageId, long storedAtMillis, Bytes sealed) {}

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
   * Inserts a row, {@code sealed} being its at-rest ciphertext (handed to SQLite as it is, not
   * copied: an envelope to a big room is half a megabyte); false if the message id is already
   * stored.
   */
  public boolean insert(
      Connection c,
      String conversation,
      long seq,
      Bytes messageId,
      long storedAtMillis,
      byte[] sealed)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO messages (conversation, seq, message_id, stored_at, sealed)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT(message_id) DO NOTHING")) {
      s.setString(1, conversation);
      s.setLong(2, seq);
      s.setBytes(3, messageId.toByteArray());
      s.setLong(4, storedAtMillis);
      s.setBytes(5, sealed);
      return s.executeUpdate() == 1;
    }
  }

  /** Up to {@code limit} rows with seq below {@code before}, newest first. */
  public List<MessageRow> before(Connection c, String conversation, long before, int limit)
      throws SQLException {
    return query(
        c,
        "SELECT conversation, seq, message_id, stored_at, sealed FROM messages"
            + " WHERE conversation = ? AND seq < ? ORDER BY seq DESC LIMIT ?",
        conversation,
        before,
        limit);
  }

  /** Up to {@code limit} rows with seq above {@code since}, oldest first. */
  public List<MessageRow> after(Connection c, String conversation, long since, int limit)
      throws SQLException {
    return query(
        c,
        "SELECT conversation, seq, message_id, stored_at, sealed FROM messages"
            + " WHERE conversation = ? AND seq > ? ORDER BY seq ASC LIMIT ?",
        conversation,
        since,
        limit);
  }

  private static List<MessageRow> query(
      Connection c, String sql, String conversation, long seq, int limit) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, conversation);
      s.setLong(2, seq);
      s.setInt(3, limit);
      return rows(s);
    }
  }

  private static List<MessageRow> rows(PreparedStatement s) throws SQLException {
    List<MessageRow> out = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.add(
            new MessageRow(
                r.getString(1),
                r.getLong(2),
                Bytes.of(r.getBytes(3)),
                r.getLong(4),
                Bytes.of(r.getBytes(5))));
      }
    }
    return out;
  }

  /** Deletes every stored message of {@code conversation} (its sequence counter is kept). */
  public int deleteAll(Connection c, String conversation) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM messages WHERE conversation = ?")) {
      s.setString(1, conversation);
      return s.executeUpdate();
    }
  }
}
