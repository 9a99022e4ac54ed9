package chat.protocol;

import java.util.List;
import java.util.Objects;

/** Confirms a join: the room, its newest sequence number and its members. */
public record JoinReply(String re, String conversation, long lastSeq, List<String> members)
    implements Reply {
  /** Validates the fields. */
  public JoinReply {
    re = RequestIds.require(re, "re");
    conversation = ConversationIds.requireRoom(conversation);
    members = List.copyOf(Objects.requireNonNull(members, "members"));
  }
}
