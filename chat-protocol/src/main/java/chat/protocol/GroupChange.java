package chat.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a {@link GroupEvent} reports. */
public enum GroupChange {
  /** {@code username} was invited. */
  @JsonProperty("invited")
  INVITED,
  /** {@code username}'s invitation was withdrawn. */
  @JsonProperty("uninvited")
  UNINVITED,
  /** {@code username} was removed. */
  @JsonProperty("kicked")
  KICKED,
  /** {@code username} was removed (if a member) and banned. */
  @JsonProperty("banned")
  BANNED,
  /** {@code username}'s ban was lifted. */
  @JsonProperty("unbanned")
  UNBANNED,
  /** {@code username} may no longer post to the group (wire version 12). */
  @JsonProperty("muted")
  MUTED,
  /** {@code username} may post to the group again (wire version 12). */
  @JsonProperty("unmuted")
  UNMUTED,
  /** {@code username} became an admin. */
  @JsonProperty("admin")
  ADMIN,
  /** {@code username} is no longer an admin. */
  @JsonProperty("deadmin")
  DEADMIN,
  /** {@code username} became the owner; the actor (the old owner) is an admin now. */
  @JsonProperty("transferred")
  TRANSFERRED,
  /** The group's display title is now {@code title}. */
  @JsonProperty("renamed")
  RENAMED,
  /** The group is gone: every member was removed and its stored messages deleted. */
  @JsonProperty("disbanded")
  DISBANDED;

  /** Whether a {@link GroupEvent} of this change may carry the actor's {@code reason}. */
  public boolean carriesReason() {
    return this == KICKED || this == BANNED || this == MUTED;
  }

  /** Whether a {@link GroupEvent} of this change may carry {@code untilMillis}. */
  public boolean carriesUntil() {
    return this == BANNED || this == MUTED;
  }
}
