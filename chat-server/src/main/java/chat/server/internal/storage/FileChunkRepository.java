package chat.server.internal.storage;

import chat.crypto.Bytes;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The SQL of the {@code file_chunks} table: the encrypted chunks of each upload, each sealed with
 * the at-rest cipher under the row id {@link #rowId}, so a chunk cannot be moved to another file or
 * position without the relay noticing.
 */
public final class FileChunkRepository {
  /** The at-rest row identity of chunk {@code index} of file {@code fileId}. */
  public static byte[] rowId(Bytes fileId, long index) {
    return ("files/" + fileId.hex() + "/chunks/" + index).getBytes(StandardCharsets.UTF_8);
  }

  /** Stores a sealed chunk; false if that chunk is already stored. */
  public boolean insert(Connection c, Bytes fileId, long index, byte[] sealed) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO file_chunks (file_id, chunk_index, sealed) VALUES (?, ?, ?)"
                + " ON CONFLICT DO NOTHING")) {
      s.setBytes(1, fileId.toByteArray());
      s.setLong(2, index);
      s.setBytes(3, sealed);
      return s.executeUpdate() == 1;
    }
  }

  /** The sealed chunk {@code index} of {@code fileId}, if stored. */
  public Optional<byte[]> find(Connection c, Bytes fileId, long index) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT sealed FROM file_chunks WHERE file_id = ? AND chunk_index = ?")) {
      s.setBytes(1, fileId.toByteArray());
      s.setLong(2, index);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
      }
    }
  }

  /** Deletes every chunk of {@code fileId}; returns how many. */
  public int deleteAll(Connection c, Bytes fileId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM file_chunks WHERE file_id = ?")) {
      s.setBytes(1, fileId.toByteArray());
      return s.executeUpdate();
    }
  }
}
