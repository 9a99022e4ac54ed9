package chat.server.internal.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The SQL of the {@code key_backups} table: one encrypted key backup per account, stored sealed
 * with the at-rest cipher under the row id {@link #rowId}.
 */
public final class KeyBackupRepository {
  /** The at-rest row identity of {@code userKey}'s backup. */
  public static byte[] rowId(String userKey) {
    return ("key-backups/" + userKey).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Stores or replaces the sealed backup of {@code userKey}. */
  public void put(Connection c, String userKey, byte[] sealed, long now) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO key_backups (user_key, sealed, updated_at) VALUES (?, ?, ?)"
                + " ON CONFLICT(user_key) DO UPDATE SET sealed = excluded.sealed,"
                + " updated_at = excluded.updated_at")) {
      s.setString(1, userKey);
      s.setBytes(2, sealed);
      s.setLong(3, now);
      s.executeUpdate();
    }
  }

  /** The sealed backup of {@code userKey}, if one is stored. */
  public Optional<byte[]> find(Connection c, String userKey) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT sealed FROM key_backups WHERE user_key = ?")) {
      s.setString(1, userKey);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
      }
    }
  }
}
