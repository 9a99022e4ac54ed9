package chat.protocol;

import java.util.Objects;

/**
 * Invites, kicks, bans, unbans, promotes, demotes or hands ownership to a user (wire version 2). A
 * kick or ban may give a {@code reason} (wire version 10), which the relay passes on in the {@link
 * GroupEvent}; null for none.
 */
public record GroupMemberRequest(
    String id, String room, GroupAction action, String username, String reason) implements Request {
  /** Validates the fields. */
  public GroupMemberRequest {
    id = RequestIds.require(id, "id");
    room = ConversationIds.requireRoom(room);
    Objects.requireNonNull(action, "action");
    username = WireText.require(username, "username", 64);
    if (reason != null) {
      if (action != GroupAction.KICK && action != GroupAction.BAN) {
        throw new IllegalArgumentException("reason goes with kick and ban only");
      }
      reason = WireText.require(reason, "reason", ErrorCode.MAX_REASON_CHARS);
    }
  }

  /** A request without a reason. */
  public GroupMemberRequest(String id, String room, GroupAction action, String username) {
    this(id, room, action, username, null);
  }
}
