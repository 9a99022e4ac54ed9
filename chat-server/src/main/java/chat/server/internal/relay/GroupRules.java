package chat.server.internal.relay;

import chat.protocol.ErrorCode;
import chat.protocol.GroupChange;
import chat.protocol.GroupEvent;
import chat.protocol.GroupRole;
import chat.server.internal.storage.GroupTables;
import chat.server.internal.storage.TimedGroupRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The group rules that apply to the ordinary room requests: a group admits only invited users who
 * are not banned, its owner may not leave it, and its muted members may not post to it. The join
 * and leave rules are called inside the write that joins or leaves, so the check and the change are
 * one transaction; the post rule in a read before the message is queued for storing, so a send
 * checked just before a mute commits may still be stored.
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
   * The refusal of a post (a message or a file) by {@code userKey} to {@code room} if they are
   * muted there ({@link ErrorCode#MUTED}), else empty; the message says how much longer a timed
   * mute lasts as of {@code now} ({@link #left}). Public rooms have no mutes.
   */
  public Optional<RelayException> mutedRefusal(Connection c, String room, String userKey, long now)
      throws SQLException {
    Optional<TimedGroupRows.Entry> mute = tables.mutes().find(c, room, userKey);
    if (mute.isEmpty()) {
      return Optional.empty();
    }
    Long until = mute.get().until();
    String message = "you are muted in " + room;
    if (until != null) {
      message += " for " + left(until - now);
    }
    return Optional.of(new RelayException(ErrorCode.MUTED, message));
  }

  /**
   * {@code millis} as {@code 1 more minute}, {@code 3 more hours}, {@code 14 more days} or {@code 2
   * more days and 5 hours}: rounded up to the minute up to 90 minutes, else to the hour; past 48
   * hours the whole days, and the hours left over.
   */
  static String left(long millis) {
    long minutes = Math.max(1, ceil(millis, 60_000));
    if (minutes <= 90) {
      return minutes + (minutes == 1 ? " more minute" : " more minutes");
    }
    long hours = ceil(millis, 3_600_000);
    if (hours <= 48) {
      return hours + " more hours";
    }
    long days = hours / 24;
    long over = hours % 24;
    return days
        + " more days"
        + (over == 0 ? "" : " and " + over + (over == 1 ? " hour" : " hours"));
  }

  private static long ceil(long millis, long unit) {
    return (millis + unit - 1) / unit;
  }

  /**
   * The event that tells {@code username} of their mute in {@code room} by {@code mutedBy} (with
   * the {@code reason}, {@code ""} for none, and the end, null for none), made again for a login or
   * a join after it.
   */
  static GroupEvent muted(String room, String username, String mutedBy, String reason, Long until) {
    return new GroupEvent(
        room, mutedBy, GroupChange.MUTED, username, null, reason.isEmpty() ? null : reason, until);
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

  /**
   * The members of group {@code room} muted now, by user key, each with the end of the mute (null:
   * until lifted).
   */
  public Map<String, Long> mutes(Connection c, String room) throws SQLException {
    Map<String, Long> muted = new HashMap<>();
    for (TimedGroupRows.Entry mute : tables.mutes().page(c, room, null, Integer.MAX_VALUE)) {
      muted.put(mute.userKey(), mute.until());
    }
    return muted;
  }

  /** The roles in {@code room} by user key, or empty if it is not a group. */
  public Optional<Map<String, GroupRole>> roles(Connection c, String room) throws SQLException {
    if (tables.groups().title(c, room).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(tables.roles().roles(c, room));
  }
}
