package chat.server.internal.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/**
 * The SQL of the {@code group_bans} table: who may neither join nor be invited to a group. A timed
 * ban (schema step 18) ends by itself at its {@code until}: from then on every query here treats it
 * as absent, a new ban of the same user replaces it, and {@link #deleteExpired} removes it.
 */
public final class GroupBanRepository {
  /**
   * One ban: the banned user's key and username, the username of who banned them, when (Unix
   * milliseconds), the reason ({@code ""} for none), and when it ends (null: when lifted).
   */
  public record Ban(
      String userKey, String username, String bannedBy, long bannedAt, String reason, Long until) {}

  /** SQL that holds for a ban in force at the time bound to its one parameter. */
  private static final String IN_FORCE = "(until IS NULL OR until > ?)";

  private final Clock clock;

  /** Bans that end by {@code clock}. */
  public GroupBanRepository(Clock clock) {
    this.clock = clock;
  }

  /**
   * Bans {@code userKey} (schema step 17 keeps the {@code reason}, {@code ""} for none, and step 18
   * {@code until}, null for a ban until lifted), replacing a ban of theirs that ended; false if
   * already banned.
   */
  public boolean add(
      Connection c,
      String conversation,
      String userKey,
      String bannedBy,
      long now,
      String reason,
      Long until)
      throws SQLException {
    deleteEnded(c, conversation, userKey);
    return SqlRows.update(
            c,
            "INSERT INTO group_bans (conversation, user_key, banned_by, banned_at, reason, until)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            conversation,
            userKey,
            bannedBy,
            now,
            reason,
            until == null ? SqlRows.NULL_INTEGER : until)
        == 1;
  }

  /** Lifts a ban; false if there was none in force (one that ended is deleted too). */
  public boolean remove(Connection c, String conversation, String userKey) throws SQLException {
    deleteEnded(c, conversation, userKey);
    return SqlRows.update(
            c,
            "DELETE FROM group_bans WHERE conversation = ? AND user_key = ?",
            conversation,
            userKey)
        == 1;
  }

  /** True if {@code userKey} is banned from the group now. */
  public boolean isBanned(Connection c, String conversation, String userKey) throws SQLException {
    return SqlRows.exists(
        c,
        "SELECT 1 FROM group_bans WHERE conversation = ? AND user_key = ? AND " + IN_FORCE,
        conversation,
        userKey,
        clock.millis());
  }

  /**
   * Up to {@code limit} bans in force in the group in order of user key, those after {@code
   * afterKey} (null: from the first).
   */
  public List<Ban> page(Connection c, String conversation, String afterKey, int limit)
      throws SQLException {
    return SqlRows.list(
        c,
        "SELECT b.user_key, u.username, b.banned_by, b.banned_at, b.reason, b.until"
            + " FROM group_bans b JOIN users u ON u.user_key = b.user_key"
            + " WHERE b.conversation = ? AND b.user_key > ? AND (b.until IS NULL OR b.until > ?)"
            + " ORDER BY b.user_key LIMIT ?",
        r -> {
          long until = r.getLong(6);
          boolean forever = r.wasNull(); // before any other column is read
          return new Ban(
              r.getString(1),
              r.getString(2),
              r.getString(3),
              r.getLong(4),
              r.getString(5),
              forever ? null : until);
        },
        conversation,
        afterKey == null ? "" : afterKey,
        clock.millis(),
        (long) limit);
  }

  /** Deletes every ban that ended; returns how many. */
  public int deleteExpired(Connection c) throws SQLException {
    return SqlRows.update(c, "DELETE FROM group_bans WHERE until <= ?", clock.millis());
  }

  /** Removes every ban of the group. */
  public void deleteAll(Connection c, String conversation) throws SQLException {
    SqlRows.update(c, "DELETE FROM group_bans WHERE conversation = ?", conversation);
  }

  private void deleteEnded(Connection c, String conversation, String userKey) throws SQLException {
    SqlRows.update(
        c,
        "DELETE FROM group_bans WHERE conversation = ? AND user_key = ? AND until <= ?",
        conversation,
        userKey,
        clock.millis());
  }
}
