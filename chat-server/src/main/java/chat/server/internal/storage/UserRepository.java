package chat.server.internal.storage;

import chat.crypto.Bytes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL of the {@code users} table: accounts keyed by the lowercase username, each new one with a
 * unique name skeleton.
 */
public final class UserRepository {
  /** A stored account. */
  public record UserRow(String userKey, String username, String passwordHash, Bytes bundle) {}

  /**
   * Inserts an account with its name's skeleton ({@code UsernameSkeleton}); false if the key or the
   * skeleton is taken (by {@link #find} the caller tells which). The unique index on the skeleton
   * makes this hold for registrations that race.
   */
  public boolean insert(
      Connection c,
      String userKey,
      String username,
      String skeleton,
      String passwordHash,
      byte[] bundle,
      long now)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO users (user_key, username, skeleton, password_hash, bundle, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      s.setString(1, userKey);
      s.setString(2, username);
      s.setString(3, skeleton);
      s.setString(4, passwordHash);
      s.setBytes(5, bundle);
      s.setLong(6, now);
      return s.executeUpdate() == 1;
    }
  }

  /** Every account's username, by key. */
  public Map<String, String> usernames(Connection c) throws SQLException {
    return SqlRows.pairs(c, "SELECT user_key, username FROM users ORDER BY user_key");
  }

  /** The account with {@code userKey}, if any. */
  public Optional<UserRow> find(Connection c, String userKey) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT user_key, username, password_hash, bundle FROM users WHERE user_key = ?")) {
      s.setString(1, userKey);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new UserRow(r.getString(1), r.getString(2), r.getString(3), Bytes.of(r.getBytes(4))));
      }
    }
  }

  /** Whether an account has the name skeleton {@code skeleton} ({@code UsernameSkeleton}). */
  public boolean skeletonTaken(Connection c, String skeleton) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT 1 FROM users WHERE skeleton = ? LIMIT 1")) {
      s.setString(1, skeleton);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  /** Replaces the identity bundle of {@code userKey}. */
  public void updateBundle(Connection c, String userKey, byte[] bundle) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("UPDATE users SET bundle = ? WHERE user_key = ?")) {
      s.setBytes(1, bundle);
      s.setString(2, userKey);
      s.executeUpdate();
    }
  }

  /**
   * Replaces the password hash of {@code userKey} with {@code passwordHash} only if the stored one
   * is still {@code expectedHash} (a compare-and-set); returns whether it did.
   */
  public boolean replacePasswordHash(
      Connection c, String userKey, String expectedHash, String passwordHash) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE users SET password_hash = ? WHERE user_key = ? AND password_hash = ?")) {
      s.setString(1, passwordHash);
      s.setString(2, userKey);
      s.setString(3, expectedHash);
      return s.executeUpdate() == 1;
    }
  }
}
