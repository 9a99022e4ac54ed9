package chat.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a {@link FriendUpdateRequest} asks for. */
public enum FriendAction {
  /** Sends a friend request (or accepts theirs, if they already sent one). */
  @JsonProperty("add")
  ADD,
  /** Accepts their pending request. */
  @JsonProperty("accept")
  ACCEPT,
  /** Declines their pending request. */
  @JsonProperty("decline")
  DECLINE,
  /** Ends the friendship, or withdraws this user's own pending request. */
  @JsonProperty("remove")
  REMOVE
}
