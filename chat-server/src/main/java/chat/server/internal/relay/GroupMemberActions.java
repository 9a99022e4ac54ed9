package chat.server.internal.relay;

import chat.protocol.ErrorCode;
import chat.protocol.GroupAction;
import chat.protocol.GroupChange;
import chat.protocol.GroupRole;
import chat.server.internal.storage.GroupTables;
import chat.server.internal.storage.MemberRepository;
import chat.server.internal.storage.UserRepository.UserRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The rules of one group member action, applied inside the write transaction: who may do it (the
 * owner; admins for invite, kick, ban, unban, mute and unmute, never on the owner or another
 * admin), whom it may target, and the change it makes.
 */
final class GroupMemberActions {
  /**
   * What an action did.
   *
   * @param change the event to announce
   * @param target the target's registered username
   * @param tellTarget whether the target hears it too (they may not be a member)
   * @param removedMember whether it removed a member (kick or ban)
   */
  record Outcome(GroupChange change, String target, boolean tellTarget, boolean removedMember) {}

  private final Connection c;
  private final GroupTables tables;
  private final MemberRepository members;
  private final RoomCapacity capacity;
  private final String room;
  private final long now;

  GroupMemberActions(
      Connection c,
      GroupTables tables,
      MemberRepository members,
      RoomCapacity capacity,
      String room,
      long now) {
    this.c = c;
    this.capacity = capacity;
    this.tables = tables;
    this.members = members;
    this.room = room;
    this.now = now;
  }

  /**
   * Checks and applies {@code action} by {@code actorKey} (whose role is {@code role}); a ban or
   * mute keeps {@code reason} (null for none) and ends at {@code until} (null: when lifted).
   */
  Outcome apply(
      GroupAction action,
      String actorKey,
      String actor,
      GroupRole role,
      UserRow target,
      String reason,
      Long until)
      throws SQLException {
    String targetKey = target.userKey();
    String name = target.username();
    boolean ownerOnly =
        action == GroupAction.TRANSFER
            || action == GroupAction.ADMIN
            || action == GroupAction.DEADMIN;
    if (ownerOnly && role != GroupRole.OWNER) {
      // before the check for oneself: a member handing the group to themselves owns nothing
      throw new RelayException(
          ErrorCode.NOT_GROUP_OWNER, "only the owner of " + room + " can do that");
    }
    if (targetKey.equals(actorKey)) {
      if (action == GroupAction.UNMUTE && !tables.mutes().inForce(c, room, targetKey)) {
        throw invalid("you are not muted in " + room);
      }
      throw invalid("that is you: " + selfHint(action, role));
    }
    GroupService.requireAdmin(role);
    boolean member = members.isMember(c, room, targetKey);
    Optional<GroupRole> targetRole = tables.roles().role(c, room, targetKey);
    switch (action) {
      case INVITE:
        return invite(targetKey, name, actor, member);
      case KICK:
        protect(role, targetRole, "kick");
        return kick(targetKey, name, member);
      case BAN:
        protect(role, targetRole, "ban");
        return ban(targetKey, name, actor, member, reason, until);
      case MUTE:
        protect(role, targetRole, "mute");
        requireMember(name, member);
        // A mute in force is replaced: a moderator changes its time or reason by muting again.
        tables.mutes().remove(c, room, targetKey);
        tables.mutes().add(c, room, targetKey, actor, now, reason == null ? "" : reason, until);
        return new Outcome(GroupChange.MUTED, name, false, false);
      case UNMUTE:
        protect(role, targetRole, "unmute");
        if (!tables.mutes().remove(c, room, targetKey)) {
          throw invalid(name + " is not muted in " + room);
        }
        return new Outcome(GroupChange.UNMUTED, name, true, false);
      case UNBAN:
        if (!tables.bans().remove(c, room, targetKey)) {
          throw invalid(name + " is not banned from " + room);
        }
        return new Outcome(GroupChange.UNBANNED, name, true, false);
      case TRANSFER:
        requireMember(name, member);
        if (tables.mutes().inForce(c, room, targetKey)) {
          // An owner cannot be muted, nor lift their own mute.
          throw invalid(name + " is muted in " + room + ": unmute them before handing it over");
        }
        capacity.handedOver(c, room, targetKey, name); // refused before any role changes
        tables.roles().set(c, room, actorKey, GroupRole.ADMIN);
        tables.roles().set(c, room, targetKey, GroupRole.OWNER);
        return new Outcome(GroupChange.TRANSFERRED, name, false, false);
      case ADMIN:
        requireMember(name, member);
        if (targetRole.isPresent()) {
          throw invalid(name + " is already an admin of " + room);
        }
        tables.roles().set(c, room, targetKey, GroupRole.ADMIN);
        return new Outcome(GroupChange.ADMIN, name, false, false);
      case DEADMIN:
        if (targetRole.orElse(GroupRole.MEMBER) != GroupRole.ADMIN) {
          throw invalid(name + " is not an admin of " + room);
        }
        tables.roles().remove(c, room, targetKey);
        return new Outcome(GroupChange.DEADMIN, name, false, false);
      default:
        throw new IllegalStateException("unhandled group action " + action);
    }
  }

  private Outcome invite(String targetKey, String name, String actor, boolean member)
      throws SQLException {
    if (member) {
      throw invalid(name + " is already a member of " + room);
    }
    if (tables.bans().isBanned(c, room, targetKey)) {
      throw new RelayException(
          ErrorCode.BANNED, name + " is banned from " + room + ": unban them first");
    }
    if (!tables.invites().isInvited(c, room, targetKey)) {
      if (tables.invites().count(c, room) >= GroupService.MAX_PENDING_INVITES) {
        throw new RelayException(
            ErrorCode.LIMIT_REACHED, room + " has too many pending invitations");
      }
      capacity.requireInvitationSpace(c, tables.invites(), targetKey, name);
    }
    tables.invites().add(c, room, targetKey, actor, now);
    return new Outcome(GroupChange.INVITED, name, true, false);
  }

  private Outcome kick(String targetKey, String name, boolean member) throws SQLException {
    if (member) {
      members.remove(c, room, targetKey);
      tables.roles().remove(c, room, targetKey);
      return new Outcome(GroupChange.KICKED, name, true, true);
    }
    if (tables.invites().remove(c, room, targetKey)) {
      return new Outcome(GroupChange.UNINVITED, name, true, false);
    }
    throw invalid(name + " is neither a member of nor invited to " + room);
  }

  private Outcome ban(
      String targetKey, String name, String actor, boolean member, String reason, Long until)
      throws SQLException {
    if (!tables.bans().add(c, room, targetKey, actor, now, reason == null ? "" : reason, until)) {
      throw invalid(name + " is already banned from " + room);
    }
    tables.invites().remove(c, room, targetKey);
    if (member) {
      members.remove(c, room, targetKey);
      tables.roles().remove(c, room, targetKey);
    }
    return new Outcome(GroupChange.BANNED, name, true, member);
  }

  /** Admins may not act on the owner or on other admins. */
  private void protect(GroupRole actorRole, Optional<GroupRole> targetRole, String verb) {
    if (targetRole.isEmpty() || actorRole.outranks(targetRole.get())) {
      return;
    }
    throw new RelayException(
        ErrorCode.NOT_GROUP_OWNER,
        targetRole.get() == GroupRole.OWNER
            ? "nobody can " + verb + " the owner of " + room
            : "only the owner can " + verb + " an admin of " + room);
  }

  private void requireMember(String name, boolean member) {
    if (!member) {
      throw invalid(name + " is not a member of " + room);
    }
  }

  private static String selfHint(GroupAction action, GroupRole role) {
    return switch (action) {
      case KICK, BAN ->
          role == GroupRole.OWNER
              ? "the owner leaves only after handing the group over (transfer) or disbanding it"
              : "leave the group instead";
      case TRANSFER -> "you already own it";
      case UNMUTE ->
          role == GroupRole.ADMIN
              ? "only the owner can lift an admin's mute"
              : "only the owner or an admin can lift your mute";
      default -> "name someone else";
    };
  }

  private static RelayException invalid(String message) {
    return new RelayException(ErrorCode.INVALID_TARGET, message);
  }
}
