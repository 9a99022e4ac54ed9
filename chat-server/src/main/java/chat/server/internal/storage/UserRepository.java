package chat.server.internal.storage;

import chat.crypto.Bytes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The SQL of the {@code users} table: accounts keyed by the lowercase username. */
public final class UserRepository {
  /** A stored account. */
  public record UserRow(String userKey, String username, String passwordHash, Bytes bundle) {}

  /** Inserts an account; false if the key is taken. */
  public boolean insert(
      Connection c, String userKey, String username, String passwordHash, byte[] bundle, long now)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO users (user_key, username, password_hash, bundle, created_at)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT(user_key) DO NOTHING")) {
      s.setString(1, userKey);
      s.setString(2, username);
      s.setString(3, passwordHash);
      s.setBytes(4, bundle);
      s.setLong(5, now);
      return s.executeUpdate() == 1;
    }
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

  /** Replaces the identity bundle of {@code userKey}. */
  public void updateBundle(Connection c, String userKey, byte[] bundle) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("UPDATE users SET bundle = ? WHERE user_key = ?")) {
      s.setBytes(1, bundle);
      s.setString(2, userKey);
      s.executeUpdate();
    }
  }
}
