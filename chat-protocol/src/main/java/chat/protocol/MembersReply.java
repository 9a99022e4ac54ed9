package chat.protocol;

import java.util.List;
import java.util.Objects;

/** Lists a conversation's members and whether each is online. */
public record MembersReply(String re, String conversation, List<MemberInfo> members)
    implements Reply {
  /** Validates the fields. */
  public MembersReply {
    re = RequestIds.require(re, "re");
    conversation = ConversationIds.require(conversation);
    members = List.copyOf(Objects.requireNonNull(members, "members"));
  }
}
