package chat.server.internal.storage;

import chat.protocol.GroupRole;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL of the {@code group_roles} table: the owner (exactly one per group, enforced by a unique
 * index) and the admins. A member without a row is a plain member.
 */
public final class GroupRoleRepository {
  /** The role of {@code userKey}: owner or admin, or empty for a plain member or a non-member. */
  public Optional<GroupRole> role(Connection c, String conversation, String userKey)
      throws SQLException {
    Map<String, String> row =
        SqlRows.pairs(
            c,
            "SELECT user_key, role FROM group_roles WHERE conversation = ? AND user_key = ?",
            conversation,
            userKey);
    return Optional.ofNullable(row.get(userKey)).map(GroupRoleRepository::parse);
  }

  /** Every owner and admin of the group, by user key. */
  public Map<String, GroupRole> roles(Connection c, String conversation) throws SQLException {
    Map<String, GroupRole> out = new LinkedHashMap<>();
    SqlRows.pairs(
            c,
            "SELECT user_key, role FROM group_roles WHERE conversation = ? ORDER BY user_key",
            conversation)
        .forEach((key, role) -> out.put(key, parse(role)));
    return out;
  }

  /** Gives {@code userKey} the owner or admin role, replacing any role they had. */
  public void set(Connection c, String conversation, String userKey, GroupRole role)
      throws SQLException {
    if (role == GroupRole.MEMBER) {
      remove(c, conversation, userKey);
      return;
    }
    SqlRows.update(
        c,
        "INSERT INTO group_roles (conversation, user_key, role) VALUES (?, ?, ?)"
            + " ON CONFLICT(conversation, user_key) DO UPDATE SET role = excluded.role",
        conversation,
        userKey,
        role.name().toLowerCase(Locale.ROOT));
  }

  /** Makes {@code userKey} a plain member; false if they had no role. */
  public boolean remove(Connection c, String conversation, String userKey) throws SQLException {
    return SqlRows.update(
            c,
            "DELETE FROM group_roles WHERE conversation = ? AND user_key = ?",
            conversation,
            userKey)
        == 1;
  }

  /** Removes every role of the group. */
  public void deleteAll(Connection c, String conversation) throws SQLException {
    SqlRows.update(c, "DELETE FROM group_roles WHERE conversation = ?", conversation);
  }

  private static GroupRole parse(String stored) {
    return GroupRole.valueOf(stored.toUpperCase(Locale.ROOT));
  }
}
