package chat.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A member's role in a group (an invite-only room); public rooms have no roles. */
public enum GroupRole {
  /** Created the group or received it by transfer; exactly one per group. */
  @JsonProperty("owner")
  OWNER,
  /**
   * Named by the owner; may invite, kick, ban, unban and rename, never act on the owner or admins.
   */
  @JsonProperty("admin")
  ADMIN,
  /** Any other member. */
  @JsonProperty("member")
  MEMBER;

  /**
   * Whether a member of this role may act on one of role {@code other} (kick, ban, mute, delete
   * their messages): the owner on everyone else, an admin on plain members, a plain member on no
   * one.
   */
  public boolean outranks(GroupRole other) {
    return switch (this) {
      case OWNER -> other != OWNER;
      case ADMIN -> other == MEMBER;
      case MEMBER -> false;
    };
  }
}
