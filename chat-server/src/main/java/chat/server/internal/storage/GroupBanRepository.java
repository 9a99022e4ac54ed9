package chat.server.internal.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** The SQL of the {@code group_bans} table: who may neither join nor be invited to a group. */
public final class GroupBanRepository {
  /**
   * One ban: the banned user's key and username, the username of who banned them, when (Unix
   * milliseconds), and the reason ({@code ""} for none).
   */
  public record Ban(
      String userKey, String username, String bannedBy, long bannedAt, String reason) {}

  /**
   * Bans {@code userKey} (schema step 17 keeps the {@code reason}, {@code ""} for none); false if
   * already banned.
   */
  public boolean add(
      Connection c, String conversation, String userKey, String bannedBy, long now, String reason)
      throws SQLException {
    return SqlRows.update(
            c,
            "INSERT INTO group_bans (conversation, user_key, banned_by, banned_at, reason)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            conversation,
            userKey,
            bannedBy,
            now,
            reason)
        == 1;
  }

  /**
   * Up to {@code limit} bans of the group in order of user key, those after {@code afterKey} (null:
   * from the first).
   */
  public List<Ban> page(Connection c, String conversation, String afterKey, int limit)
      throws SQLException {
    return SqlRows.list(
        c,
        "SELECT b.user_key, u.username, b.banned_by, b.banned_at, b.reason FROM group_bans b"
            + " JOIN users u ON u.user_key = b.user_key WHERE b.conversation = ?"
            + " AND b.user_key > ? ORDER BY b.user_key LIMIT ?",
        r -> new Ban(r.getString(1), r.getString(2), r.getString(3), r.getLong(4), r.getString(5)),
        conversation,
        afterKey == null ? "" : afterKey,
        (long) limit);
  }

  /** Lifts a ban; false if there was none. */
  public boolean remove(Connection c, String conversation, String userKey) throws SQLException {
    return SqlRows.update(
            c,
            "DELETE FROM group_bans WHERE conversation = ? AND user_key = ?",
            conversation,
            userKey)
        == 1;
  }

  /** True if {@code userKey} is banned from the group. */
  public boolean isBanned(Connection c, String conversation, String userKey) throws SQLException {
    return SqlRows.exists(
        c,
        "SELECT 1 FROM group_bans WHERE conversation = ? AND user_key = ?",
        conversation,
        userKey);
  }

  /** Removes every ban of the group. */
  public void deleteAll(Connection c, String conversation) throws SQLException {
    SqlRows.update(c, "DELETE FROM group_bans WHERE conversation = ?", conversation);
  }
}
