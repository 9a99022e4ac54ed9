package chat.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a {@link GroupMemberRequest} does to the named user. */
public enum GroupAction {
  /** Lets the user join the group (owner or admin). */
  @JsonProperty("invite")
  INVITE,
  /**
   * Removes a member, or withdraws an invitation (owner or admin; only the owner acts on admins).
   */
  @JsonProperty("kick")
  KICK,
  /** Removes the user if a member and keeps them out (owner or admin). */
  @JsonProperty("ban")
  BAN,
  /** Lifts a ban (owner or admin). */
  @JsonProperty("unban")
  UNBAN,
  /**
   * Keeps a member from posting to the group (sending or offering files) while they still read it
   * (owner or admin; only the owner acts on admins; wire version 12).
   */
  @JsonProperty("mute")
  MUTE,
  /** Lets a muted member post again (owner or admin; wire version 12). */
  @JsonProperty("unmute")
  UNMUTE,
  /** Makes a member the owner; the old owner becomes an admin (owner only). */
  @JsonProperty("transfer")
  TRANSFER,
  /** Makes a member an admin (owner only). */
  @JsonProperty("admin")
  ADMIN,
  /** Makes an admin a plain member again (owner only). */
  @JsonProperty("deadmin")
  DEADMIN;

  /** Whether a {@link GroupMemberRequest} with this action may give a {@code reason}. */
  public boolean takesReason() {
    return this == KICK || this == BAN || this == MUTE;
  }

  /** Whether a {@link GroupMemberRequest} with this action may give {@code minutes}. */
  public boolean takesMinutes() {
    return this == BAN || this == MUTE;
  }
}
