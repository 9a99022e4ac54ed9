package chat.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Whether a user has at least one logged-in connection, and whether they said they are away. {@link
 * #AWAY} exists from wire version 2 on: the relay never sends it to a version 1 connection.
 */
public enum PresenceStatus {
  /** The user's first connection logged in. */
  @JsonProperty("online")
  ONLINE,
  /** The user's last connection closed or logged out. */
  @JsonProperty("offline")
  OFFLINE,
  /** The user is connected but said they are away (wire version 2). */
  @JsonProperty("away")
  AWAY
}
