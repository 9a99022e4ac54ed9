package chat.server.internal.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * The SQL of the {@code friend_requests} table: pending requests from one user to another, kept
 * until answered or withdrawn so that offline users get them at their next login.
 */
public final class FriendRequestRepository {
  /** Records a request; false if it is already pending. */
  public boolean add(Connection c, String fromKey, String toKey, long now) throws SQLException {
    return SqlRows.update(
            c,
            "INSERT INTO friend_requests (from_key, to_key, requested_at) VALUES (?, ?, ?)"
                + " ON CONFLICT DO NOTHING",
            fromKey,
            toKey,
            now)
        == 1;
  }

  /** Removes a request; false if none was pending. */
  public boolean remove(Connection c, String fromKey, String toKey) throws SQLException {
    return SqlRows.update(
            c, "DELETE FROM friend_requests WHERE from_key = ? AND to_key = ?", fromKey, toKey)
        == 1;
  }

  /** True if {@code fromKey} has a pending request to {@code toKey}. */
  public boolean exists(Connection c, String fromKey, String toKey) throws SQLException {
    return SqlRows.exists(
        c, "SELECT 1 FROM friend_requests WHERE from_key = ? AND to_key = ?", fromKey, toKey);
  }

  /** How many requests {@code fromKey} has pending. */
  public int countFrom(Connection c, String fromKey) throws SQLException {
    return SqlRows.count(c, "SELECT count(*) FROM friend_requests WHERE from_key = ?", fromKey);
  }

  /** How many requests to {@code toKey} wait for their answer. */
  public int countTo(Connection c, String toKey) throws SQLException {
    return SqlRows.count(c, "SELECT count(*) FROM friend_requests WHERE to_key = ?", toKey);
  }

  /** Who asked {@code userKey}: user keys mapped to usernames, by key. */
  public Map<String, String> incoming(Connection c, String userKey) throws SQLException {
    return SqlRows.pairs(
        c,
        "SELECT r.from_key, u.username FROM friend_requests r JOIN users u"
            + " ON u.user_key = r.from_key WHERE r.to_key = ? ORDER BY r.from_key",
        userKey);
  }

  /** Whom {@code userKey} asked: user keys mapped to usernames, by key. */
  public Map<String, String> outgoing(Connection c, String userKey) throws SQLException {
    return SqlRows.pairs(
        c,
        "SELECT r.to_key, u.username FROM friend_requests r JOIN users u"
            + " ON u.user_key = r.to_key WHERE r.from_key = ? ORDER BY r.to_key",
        userKey);
  }
}
