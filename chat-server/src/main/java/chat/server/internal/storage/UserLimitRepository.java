package chat.server.internal.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The {@code user_limits} table (schema step 15): limits the operator set for one user in place of
 * the relay's own ({@code chat-server users set-limit}). Today that is the rooms and groups a user
 * may create. The relay reads it in the transaction that creates one, so a change counts from the
 * next creation, without a restart.
 */
public final class UserLimitRepository {
  /**
   * The rooms {@code userKey} may create, if the operator set a limit of their own (otherwise the
   * relay's {@code --max-rooms-per-user} applies).
   */
  public OptionalInt maxRooms(Connection c, String userKey) throws SQLException {
    // max_rooms is at least 1 (a CHECK of the table), so 0 means no row.
    int limit = SqlRows.count(c, "SELECT max_rooms FROM user_limits WHERE user_key = ?", userKey);
    return limit == 0 ? OptionalInt.empty() : OptionalInt.of(limit);
  }

  /** {@link #maxRooms} of every user who has a limit of their own, by key. */
  public Map<String, Integer> maxRoomsOfEach(Connection c) throws SQLException {
    return SqlRows.counts(c, "SELECT user_key, max_rooms FROM user_limits");
  }

  /** Sets the rooms {@code userKey} may create to {@code maxRooms}, at least 1. */
  public void setMaxRooms(Connection c, String userKey, int maxRooms) throws SQLException {
    if (maxRooms < 1) {
      throw new IllegalArgumentException("maxRooms must be at least 1");
    }
    SqlRows.update(
        c,
        "INSERT INTO user_limits (user_key, max_rooms) VALUES (?, ?)"
            + " ON CONFLICT(user_key) DO UPDATE SET max_rooms = excluded.max_rooms",
        userKey,
        (long) maxRooms);
  }

  /** Removes {@code userKey}'s own room limit: the relay's applies again. */
  public void clearMaxRooms(Connection c, String userKey) throws SQLException {
    SqlRows.update(c, "DELETE FROM user_limits WHERE user_key = ?", userKey);
  }
}
