package chat.server.internal.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * The SQL of the {@code friendships} table: accepted friendships, stored once in each direction so
 * either side finds its friends by primary key.
 */
public final class FriendshipRepository {
  /** Makes two users friends (both directions). */
  public void add(Connection c, String firstKey, String secondKey, long now) throws SQLException {
    String sql =
        "INSERT INTO friendships (user_key, friend_key, since) VALUES (?, ?, ?)"
            + " ON CONFLICT DO NOTHING";
    SqlRows.update(c, sql, firstKey, secondKey, now);
    SqlRows.update(c, sql, secondKey, firstKey, now);
  }

  /** Ends a friendship (both directions); false if there was none. */
  public boolean remove(Connection c, String firstKey, String secondKey) throws SQLException {
    String sql = "DELETE FROM friendships WHERE user_key = ? AND friend_key = ?";
    int removed = SqlRows.update(c, sql, firstKey, secondKey);
    removed += SqlRows.update(c, sql, secondKey, firstKey);
    return removed > 0;
  }

  /** True if the two users are friends. */
  public boolean exists(Connection c, String firstKey, String secondKey) throws SQLException {
    return SqlRows.exists(
        c, "SELECT 1 FROM friendships WHERE user_key = ? AND friend_key = ?", firstKey, secondKey);
  }

  /** How many friends {@code userKey} has. */
  public int count(Connection c, String userKey) throws SQLException {
    return SqlRows.count(c, "SELECT count(*) FROM friendships WHERE user_key = ?", userKey);
  }

  /** The friends of {@code userKey}: user keys mapped to usernames, by key. */
  public Map<String, String> friends(Connection c, String userKey) throws SQLException {
    return SqlRows.pairs(
        c,
        "SELECT f.friend_key, u.username FROM friendships f JOIN users u"
            + " ON u.user_key = f.friend_key WHERE f.user_key = ? ORDER BY f.friend_key",
        userKey);
  }
}
