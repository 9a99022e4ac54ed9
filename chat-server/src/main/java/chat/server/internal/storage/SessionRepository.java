package chat.server.internal.storage;

import chat.crypto.Bytes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of the {@code sessions} table: SHA-256 hashes of session tokens with their expiry, and
 * when and from which client address each was last used (at its login or latest resume).
 */
public final class SessionRepository {
  /** A stored session. */
  public record SessionRow(String userKey, long expiresAtMillis) {}

  /**
   * A session of an account as its owner sees it listed: {@code lastAddress} is empty when not
   * known (a session stored before schema step 11).
   */
  public record ListedSession(
      Bytes tokenHash, long createdAtMillis, long lastUsedAtMillis, String lastAddress) {}

  /** Stores a session, last used now from {@code address}. */
  public void insert(
      Connection c, byte[] tokenHash, String userKey, long now, long expiresAt, String address)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO sessions (token_hash, user_key, created_at, expires_at, last_used_at,"
                + " last_address) VALUES (?, ?, ?, ?, ?, ?)")) {
      s.setBytes(1, tokenHash);
      s.setString(2, userKey);
      s.setLong(3, now);
      s.setLong(4, expiresAt);
      s.setLong(5, now);
      s.setString(6, address);
      s.executeUpdate();
    }
  }

  /**
   * Records that the session was used (resumed) at {@code now} from {@code address}.
   *
   * @return false if there is no such session (it was revoked)
   */
  public boolean touch(Connection c, byte[] tokenHash, long now, String address)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE sessions SET last_used_at = ?, last_address = ? WHERE token_hash = ?")) {
      s.setLong(1, now);
      s.setString(2, address);
      s.setBytes(3, tokenHash);
      return s.executeUpdate() == 1;
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

  /**
   * The sessions of {@code userKey} that have not expired at {@code now}, most recently used first
   * (then newest first), at most {@code limit}.
   */
  public List<ListedSession> listOf(Connection c, String userKey, long now, int limit)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT token_hash, created_at, last_used_at, last_address FROM sessions"
                + " WHERE user_key = ? AND expires_at > ?"
                + " ORDER BY last_used_at DESC, created_at DESC, token_hash LIMIT ?")) {
      s.setString(1, userKey);
      s.setLong(2, now);
      s.setInt(3, limit);
      List<ListedSession> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(
              new ListedSession(
                  Bytes.of(r.getBytes(1)), r.getLong(2), r.getLong(3), r.getString(4)));
        }
      }
      return out;
    }
  }

  /**
   * The token hashes of every session of {@code userKey}, expired or not, most recently used first
   * (then newest first).
   */
  public List<Bytes> newestFirst(Connection c, String userKey) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT token_hash FROM sessions WHERE user_key = ?"
                + " ORDER BY last_used_at DESC, created_at DESC, token_hash")) {
      s.setString(1, userKey);
      List<Bytes> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(Bytes.of(r.getBytes(1)));
        }
      }
      return out;
    }
  }

  /** Deletes one session; returns whether it existed. */
  public boolean delete(Connection c, byte[] tokenHash) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM sessions WHERE token_hash = ?")) {
      s.setBytes(1, tokenHash);
      return s.executeUpdate() == 1;
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

  /** Deletes every session of {@code userKey}; returns how many. */
  public int deleteAll(Connection c, String userKey) throws SQLException {
    return SqlRows.update(c, "DELETE FROM sessions WHERE user_key = ?", userKey);
  }

  /** Deletes the sessions of {@code userKey} that expired before {@code now}; returns how many. */
  public int deleteExpiredOf(Connection c, String userKey, long now) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("DELETE FROM sessions WHERE user_key = ? AND expires_at < ?")) {
      s.setString(1, userKey);
      s.setLong(2, now);
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
