package chat.protocol;

import java.util.Objects;

/**
 * Invites, kicks, bans, unbans, promotes, demotes or hands ownership to a user (wire version 2).
 */
public record GroupMemberRequest(String id, String room, GroupAction action, String username)
    implements Request {
  /** Validates the fields. */
  public GroupMemberRequest {
    id = RequestIds.require(id, "id");
    room = ConversationIds.requireRoom(room);
    Objects.requireNonNull(action, "action");
    username = WireText.require(username, "username", 64);
  }
}
