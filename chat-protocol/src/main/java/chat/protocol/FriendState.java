package chat.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where two users stand, seen from one of them. */
public enum FriendState {
  /** Both agreed: each sees the other's presence. */
  @JsonProperty("friends")
  FRIENDS,
  /** This user asked; the other has not answered. */
  @JsonProperty("outgoing")
  OUTGOING,
  /** The other user asked; this user has not answered. */
  @JsonProperty("incoming")
  INCOMING,
  /** Neither friends nor a pending request. */
  @JsonProperty("none")
  NONE
}
