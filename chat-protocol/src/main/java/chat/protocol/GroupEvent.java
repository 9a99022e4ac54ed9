package chat.protocol;

import java.util.Objects;

/**
 * A change to a group, named with the member who made it ({@code actor}), sent to the members and
 * to the user it concerns (wire version 2). {@code username} is set for every change except {@link
 * GroupChange#RENAMED} and {@link GroupChange#DISBANDED}; {@code title} only for {@code RENAMED};
 * {@code reason} (wire version 10) only for {@link GroupChange#KICKED} and {@link
 * GroupChange#BANNED} (and {@link GroupChange#MUTED}, wire version 12), when the actor gave one;
 * {@code untilMillis} (wire version 11) only for {@code BANNED} (and {@code MUTED}), when the ban
 * or mute ends by itself then (Unix milliseconds).
 */
public record GroupEvent(
    String conversation,
    String actor,
    GroupChange change,
    String username,
    String title,
    String reason,
    Long untilMillis)
    implements Event {
  /** Validates the fields. */
  public GroupEvent {
    conversation = ConversationIds.requireRoom(conversation);
    actor = WireText.require(actor, "actor", 64);
    Objects.requireNonNull(change, "change");
    boolean needsUser = change != GroupChange.RENAMED && change != GroupChange.DISBANDED;
    if ((username != null) != needsUser) {
      throw new IllegalArgumentException(
          needsUser ? "username is required" : "username is not allowed");
    }
    if (username != null) {
      WireText.require(username, "username", 64);
    }
    if ((title != null) != (change == GroupChange.RENAMED)) {
      throw new IllegalArgumentException("title goes with renamed only");
    }
    if (title != null) {
      GroupTitles.require(title);
    }
    if (reason != null) {
      if (!change.carriesReason()) {
        throw new IllegalArgumentException("reason goes with kicked, banned and muted only");
      }
      reason = WireText.require(reason, "reason", ErrorCode.MAX_REASON_CHARS);
    }
    if (untilMillis != null) {
      if (!change.carriesUntil()) {
        throw new IllegalArgumentException("untilMillis goes with banned and muted only");
      }
      if (untilMillis < 0) {
        throw new IllegalArgumentException("untilMillis must not be negative");
      }
    }
  }

  /** An event without a time limit. */
  public GroupEvent(
      String conversation,
      String actor,
      GroupChange change,
      String username,
      String title,
      String reason) {
    this(conversation, actor, change, username, title, reason, null);
  }

  /** An event without a reason. */
  public GroupEvent(
      String conversation, String actor, GroupChange change, String username, String title) {
    this(conversation, actor, change, username, title, null, null);
  }

  /** This event without its reason and end, for a connection older than wire version 10. */
  public GroupEvent withoutReason() {
    return reason == null && untilMillis == null
        ? this
        : new GroupEvent(conversation, actor, change, username, title);
  }

  /** This event without the end of a timed ban, for a connection of wire version 10. */
  public GroupEvent withoutUntil() {
    return untilMillis == null
        ? this
        : new GroupEvent(conversation, actor, change, username, title, reason);
  }
}
