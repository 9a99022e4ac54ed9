package chat.server.internal.relay;

import chat.protocol.ErrorCode;
import chat.protocol.GroupRole;
import chat.server.internal.storage.GroupTables;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The group rules that apply to the ordinary room requests: a group admits only invited users who
 * are not banned, and its owner may not leave it. Called inside the write that joins or leaves, so
 * the check and the change are one transaction.
 */
public final class GroupRules {
  private final GroupTables tables;

  /** Rules over the group tables. */
  public GroupRules(GroupTables tables) {
    this.tables = tables;
  }

  /** The group tables. */
  GroupTables tables() {
    return tables;
  }

  /**
   * Refuses {@code userKey} joining {@code room} if it is a group that banned them ({@link
   * ErrorCode#BANNED}) or never invited them ({@link ErrorCode#NOT_INVITED}); consumes the
   * invitation otherwise. Members joining again and public rooms pass.
   */
  public void beforeJoin(Connection c, String room, String userKey, boolean member)
      throws SQLException {
    if (member || tables.groups().title(c, room).isEmpty()) {
      return;
    }
    if (tables.bans().isBanned(c, room, userKey)) {
      throw new RelayException(ErrorCode.BANNED, "you are banned from " + room);
    }
    if (!tables.invites().remove(c, room, userKey)) {
      throw new RelayException(
          ErrorCode.NOT_INVITED,
          room + " is invite-only: ask its owner or an admin for an invitation");
    }
  }

  /**
   * Refuses the owner leaving a group ({@link ErrorCode#OWNER_MUST_TRANSFER}); an admin who leaves
   * loses the role.
   */
  public void beforeLeave(Connection c, String room, String userKey) throws SQLException {
    Optional<GroupRole> role = tables.roles().role(c, room, userKey);
    if (role.isEmpty()) {
      return;
    }
    if (role.get() == GroupRole.OWNER) {
      throw new RelayException(
          ErrorCode.OWNER_MUST_TRANSFER,
          "you own " + room + ": transfer the ownership or disband the group first");
    }
    tables.roles().remove(c, room, userKey);
  }

  /**
   * Declines {@code userKey}'s invitation to {@code room}: deletes it, so it is neither usable nor
   * offered again. False if {@code room} is not a group or holds no invitation for them.
   */
  public boolean decline(Connection c, String room, String userKey) throws SQLException {
    return tables.groups().title(c, room).isPresent() && tables.invites().remove(c, room, userKey);
  }

  /** Every group id mapped to its title. */
  public Map<String, String> titles(Connection c) throws SQLException {
    return tables.groups().titles(c);
  }

  /** The groups {@code userKey} is invited to. */
  public Set<String> invitations(Connection c, String userKey) throws SQLException {
    return tables.invites().invitationsOf(c, userKey).keySet();
  }

  /** The roles in {@code room} by user key, or empty if it is not a group. */
  public Optional<Map<String, GroupRole>> roles(Connection c, String room) throws SQLException {
    if (tables.groups().title(c, room).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(tables.roles().roles(c, room));
  }
}
