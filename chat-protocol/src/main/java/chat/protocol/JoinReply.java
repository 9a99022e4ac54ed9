package chat.protocol;

import java.util.List;
import java.util.Objects;

/**
 * Confirms a join: the room (or, from wire version 7, the direct conversation), its newest sequence
 * number and its members.
 */
public record JoinReply(String re, String conversation, long lastSeq, List<String> members)
    implements Reply {
  /** Validates the fields. */
  public JoinReply {
    re = RequestIds.require(re, "re");
    conversation = ConversationIds.require(conversation);
    if (lastSeq < 0) {
      throw new IllegalArgumentException("lastSeq must be >= 0");
    }
    members = List.copyOf(Objects.requireNonNull(members, "members"));
  }
}
