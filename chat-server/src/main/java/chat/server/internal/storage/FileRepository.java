package chat.server.internal.storage;

import chat.crypto.Bytes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The SQL of the {@code files} table: one row per upload (its conversation, uploader, encrypted
 * size, chunk size, bytes received so far, and times), never any file content.
 */
public final class FileRepository {
  /**
   * One upload.
   *
   * @param fileId the 16-byte file id
   * @param conversation the conversation it was uploaded for
   * @param uploader the uploader's user key
   * @param size the encrypted size declared at upload start
   * @param chunkBytes the length of every chunk but the last
   * @param received the bytes durably stored so far
   * @param createdAtMillis when the upload started
   * @param completedAtMillis when it was finished, or 0 while incomplete
   * @param expiresAtMillis when it is deleted
   */
  public record FileRow(
      Bytes fileId,
      String conversation,
      String uploader,
      long size,
      int chunkBytes,
      long received,
      long createdAtMillis,
      long completedAtMillis,
      long expiresAtMillis) {
    /** Checks for nulls. */
    public FileRow {
      Objects.requireNonNull(fileId, "fileId");
      Objects.requireNonNull(conversation, "conversation");
      Objects.requireNonNull(uploader, "uploader");
    }

    /** Whether the upload was finished. */
    public boolean complete() {
      return completedAtMillis > 0;
    }

    /** Whether it has expired at {@code nowMillis} (it may not be swept yet). */
    public boolean expiredAt(long nowMillis) {
      return expiresAtMillis <= nowMillis;
    }
  }

  private static final String COLUMNS =
      "file_id, conversation, uploader, size, chunk_bytes, received, created_at, completed_at,"
          + " expires_at";

  /** Inserts a new upload with nothing received; false if the id is taken. */
  public boolean insert(Connection c, FileRow row) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO files ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(file_id) DO NOTHING")) {
      s.setBytes(1, row.fileId().toByteArray());
      s.setString(2, row.conversation());
      s.setString(3, row.uploader());
      s.setLong(4, row.size());
      s.setInt(5, row.chunkBytes());
      s.setLong(6, row.received());
      s.setLong(7, row.createdAtMillis());
      if (row.complete()) {
        s.setLong(8, row.completedAtMillis());
      } else {
        s.setNull(8, Types.INTEGER);
      }
      s.setLong(9, row.expiresAtMillis());
      return s.executeUpdate() == 1;
    }
  }

  /** The upload with this id, if stored (expired or not). */
  public Optional<FileRow> find(Connection c, Bytes fileId) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT " + COLUMNS + " FROM files WHERE file_id = ?")) {
      s.setBytes(1, fileId.toByteArray());
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(row(r)) : Optional.empty();
      }
    }
  }

  private static FileRow row(ResultSet r) throws SQLException {
    return new FileRow(
        Bytes.of(r.getBytes(1)),
        r.getString(2),
        r.getString(3),
        r.getLong(4),
        r.getInt(5),
        r.getLong(6),
        r.getLong(7),
        r.getLong(8),
        r.getLong(9));
  }

  /** Records that {@code received} bytes are stored. */
  public void setReceived(Connection c, Bytes fileId, long received) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("UPDATE files SET received = ? WHERE file_id = ?")) {
      s.setLong(1, received);
      s.setBytes(2, fileId.toByteArray());
      s.executeUpdate();
    }
  }

  /** Marks the upload complete at {@code nowMillis} unless it already is. */
  public void complete(Connection c, Bytes fileId, long nowMillis) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE files SET completed_at = ? WHERE file_id = ? AND completed_at IS NULL")) {
      s.setLong(1, nowMillis);
      s.setBytes(2, fileId.toByteArray());
      s.executeUpdate();
    }
  }

  /**
   * The declared bytes of {@code uploader}'s files that have not expired at {@code nowMillis}, each
   * counted as at least {@code minBytes}.
   */
  public long bytesOf(Connection c, String uploader, long nowMillis, long minBytes)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT coalesce(sum(max(size, ?)), 0) FROM files WHERE uploader = ?"
                + " AND expires_at > ?")) {
      s.setLong(1, minBytes);
      s.setString(2, uploader);
      s.setLong(3, nowMillis);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getLong(1) : 0;
      }
    }
  }

  /**
   * The declared bytes of every file that has not expired at {@code nowMillis}, each counted as at
   * least {@code minBytes}.
   */
  public long totalBytes(Connection c, long nowMillis, long minBytes) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT coalesce(sum(max(size, ?)), 0) FROM files WHERE expires_at > ?")) {
      s.setLong(1, minBytes);
      s.setLong(2, nowMillis);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getLong(1) : 0;
      }
    }
  }

  /** Up to {@code limit} ids of files expired at {@code nowMillis}. */
  public List<Bytes> expired(Connection c, long nowMillis, int limit) throws SQLException {
    List<Bytes> out = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement("SELECT file_id FROM files WHERE expires_at <= ? LIMIT ?")) {
      s.setLong(1, nowMillis);
      s.setInt(2, limit);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(Bytes.of(r.getBytes(1)));
        }
      }
    }
    return out;
  }

  /**
   * Ends every file of {@code conversation} at {@code nowMillis}: each is expired from then on, and
   * the next sweep deletes it with its chunks.
   */
  public void expireAll(Connection c, String conversation, long nowMillis) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE files SET expires_at = ? WHERE conversation = ? AND expires_at > ?")) {
      s.setLong(1, nowMillis);
      s.setString(2, conversation);
      s.setLong(3, nowMillis);
      s.executeUpdate();
    }
  }

  /** Deletes the row of {@code fileId} (its chunks must be gone first). */
  public void delete(Connection c, Bytes fileId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM files WHERE file_id = ?")) {
      s.setBytes(1, fileId.toByteArray());
      s.executeUpdate();
    }
  }
}
