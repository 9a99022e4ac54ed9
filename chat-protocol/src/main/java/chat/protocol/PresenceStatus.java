package chat.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a user has at least one logged-in connection. */
public enum PresenceStatus {
  /** The user's first connection logged in. */
  @JsonProperty("online")
  ONLINE,
  /** The user's last connection closed or logged out. */
  @JsonProperty("offline")
  OFFLINE
}
