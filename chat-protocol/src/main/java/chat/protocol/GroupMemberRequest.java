package chat.protocol;

import java.util.Objects;

/**
 * Invites, kicks, bans, unbans, promotes, demotes or hands ownership to a user (wire version 2). A
 * kick or ban may give a {@code reason} (wire version 10), which the relay passes on in the {@link
 * GroupEvent}; null for none. A ban may last {@code minutes} (wire version 11), 1 to {@link
 * #MAX_BAN_MINUTES}; null for a ban until lifted. A mute (wire version 12) may give both too.
 */
public record GroupMemberRequest(
    String id, String room, GroupAction action, String username, String reason, Integer minutes)
    implements Request {
  /** The longest timed ban or mute: a year. */
  public static final int MAX_BAN_MINUTES = 365 * 24 * 60;

  /** Validates the fields. */
  public GroupMemberRequest {
    id = RequestIds.require(id, "id");
    room = ConversationIds.requireRoom(room);
    Objects.requireNonNull(action, "action");
    username = WireText.require(username, "username", 64);
    if (reason != null) {
      if (!action.takesReason()) {
        throw new IllegalArgumentException("reason goes with kick, ban and mute only");
      }
      reason = WireText.require(reason, "reason", ErrorCode.MAX_REASON_CHARS);
    }
    if (minutes != null) {
      if (!action.takesMinutes()) {
        throw new IllegalArgumentException("minutes go with ban and mute only");
      }
      if (minutes < 1 || minutes > MAX_BAN_MINUTES) {
        throw new IllegalArgumentException("minutes must be 1 to " + MAX_BAN_MINUTES);
      }
    }
  }

  /** A request that may give a reason, and no time limit. */
  public GroupMemberRequest(
      String id, String room, GroupAction action, String username, String reason) {
    this(id, room, action, username, reason, null);
  }

  /** A request without a reason. */
  public GroupMemberRequest(String id, String room, GroupAction action, String username) {
    this(id, room, action, username, null, null);
  }
}
