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
  MEMBER
}
