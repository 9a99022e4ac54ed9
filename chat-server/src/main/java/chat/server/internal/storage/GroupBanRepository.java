package chat.server.internal.storage;

import java.sql.Connection;
import java.sql.SQLException;

/** The SQL of the {@code group_bans} table: who may neither join nor be invited to a group. */
public final class GroupBanRepository {
  /** Bans {@code userKey}; false if already banned. */
  public boolean add(Connection c, String conversation, String userKey, String bannedBy, long now)
      throws SQLException {
    return SqlRows.update(
            c,
            "INSERT INTO group_bans (conversation, user_key, banned_by, banned_at)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            conversation,
            userKey,
            bannedBy,
            now)
        == 1;
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
