package chat.protocol;

import java.util.Objects;

/**
 * A change to a group, named with the member who made it ({@code actor}), sent to the members and
 * to the user it concerns (wire version 2). {@code username} is set for every change except {@link
 * GroupChange#RENAMED} and {@link GroupChange#DISBANDED}; {@code title} only for {@code RENAMED}.
 */
public record GroupEvent(
    String conversation, String actor, GroupChange change, String username, String title)
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
  }
}
