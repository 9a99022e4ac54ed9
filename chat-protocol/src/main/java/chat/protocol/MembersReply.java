package chat.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;
import java.util.Objects;

/**
 * Lists a conversation's members and whether each is online. From wire version 5 it is one page:
 * {@code next}, when not null, is the last member listed and more follow (ask again with {@code
 * after = next}); null (absent on the wire) on the last page and always before version 5.
 */
public record MembersReply(String re, String conversation, List<MemberInfo> members, String next)
    implements Reply {
  /** Validates the fields. */
  @JsonCreator
  public MembersReply {
    re = RequestIds.require(re, "re");
    conversation = ConversationIds.require(conversation);
    members = List.copyOf(Objects.requireNonNull(members, "members"));
    if (next != null && !Usernames.isValid(next)) {
      throw new IllegalArgumentException("next must be a username");
    }
  }

  /** A complete list, in one reply. */
  public MembersReply(String re, String conversation, List<MemberInfo> members) {
    this(re, conversation, members, null);
  }
}
