package chat.server.internal.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The SQL of the {@code sessions} table: SHA-256 hashes of session tokens with their expiry. */
public final class SessionRepository {
  /** A stored session. */
  public record SessionRow(String userKey, long expiresAtMillis) {}

  /** Stores a session. */
  public void insert(Connection c, byte[] tokenHash, String userKey, long now, long expiresAt)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO sessions (token_hash, user_key, created_at, expires_at)"
                + " VALUES (?, ?, ?, ?)")) {
      s.setBytes(1, tokenHash);
      s.setString(2, userKey);
      s.setLong(3, now);
      s.setLong(4, expiresAt);
      s.executeUpdate();
    }
  }

  /** The session with this token hash, if any. */
  public Optional<SessionRow> find(Connection c, byte[] tokenHash) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT user_key, expires_at FROM sessions WHERE token_hash = ?")) {
      s.setBytes(1, tokenHash);
      try (ResultSet r = s.executeQuery()) {
        return r.next()
            ? Optional.of(new SessionRow(r.getString(1), r.getLong(2)))
            : Optional.empty();
      }
    }
  }

  /** Deletes one session. */
  public void delete(Connection c, byte[] tokenHash) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM sessions WHERE token_hash = ?")) {
      s.setBytes(1, tokenHash);
      s.executeUpdate();
    }
  }

  /**
   * Deletes every session of {@code userKey} except the one with {@code keptTokenHash}; returns how
   * many.
   */
  public int deleteOthers(Connection c, String userKey, byte[] keptTokenHash) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("DELETE FROM sessions WHERE user_key = ? AND token_hash <> ?")) {
      s.setString(1, userKey);
      s.setBytes(2, keptTokenHash);
      return s.executeUpdate();
    }
  }

  /** Deletes every session that expired before {@code now}; returns how many. */
  public int deleteExpired(Connection c, long now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM sessions WHERE expires_at < ?")) {
      s.setLong(1, now);
      return s.executeUpdate();
    }
  }
}
