package chat.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What happened to a room's membership. */
public enum MembershipChange {
  /** The user joined the room. */
  @JsonProperty("joined")
  JOINED,
  /** The user left the room. */
  @JsonProperty("left")
  LEFT
}
