package chat.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a {@link FriendEvent} reports, seen from its recipient. */
public enum FriendChange {
  /** The user sent the recipient a friend request (also repeated at each login until answered). */
  @JsonProperty("requested")
  REQUESTED,
  /** The user accepted the recipient's request: they are friends now. */
  @JsonProperty("accepted")
  ACCEPTED,
  /** The user declined the recipient's request. */
  @JsonProperty("declined")
  DECLINED,
  /** The user ended the friendship or withdrew their request. */
  @JsonProperty("removed")
  REMOVED
}
