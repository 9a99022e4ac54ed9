package chat.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.HashSet;
import java.util.List;

/**
 * Deletes stored messages of one sender in one conversation (wire version 13), in one of two forms:
 * the messages {@code messageIds} names (1 to {@link #MAX_MESSAGES}, no id twice), or the newest
 * {@code count} (1 to {@link #MAX_MESSAGES}) messages of {@code sender} among the conversation's
 * last {@link #WINDOW}. Its sender may delete a message in any conversation they may read; a
 * group's owner may delete anyone else's there, and an admin those of anyone but the owner and the
 * other admins. The reply is {@link DeletedReply}; the conversation's members hear {@link
 * DeletedEvent}.
 */
public record DeleteMessagesRequest(
    String id, String conversation, List<String> messageIds, String sender, Integer count)
    implements Request {
  /** Most messages one request deletes, in either form. */
  public static final int MAX_MESSAGES = 100;

  /**
   * How many of a conversation's newest messages the {@code sender}/{@code count} form looks at.
   */
  public static final int WINDOW = 1000;

  /** Validates the fields. */
  @JsonCreator
  public DeleteMessagesRequest {
    id = RequestIds.require(id, "id");
    conversation = ConversationIds.require(conversation);
    if ((messageIds == null) == (sender == null)) {
      throw new IllegalArgumentException("give either messageIds or sender and count");
    }
    if ((sender == null) != (count == null)) {
      throw new IllegalArgumentException("sender and count go together");
    }
    if (messageIds != null) {
      messageIds = List.copyOf(messageIds);
      if (messageIds.isEmpty() || messageIds.size() > MAX_MESSAGES) {
        throw new IllegalArgumentException("messageIds holds 1 to " + MAX_MESSAGES + " ids");
      }
      messageIds.forEach(MessageIds::require);
      if (new HashSet<>(messageIds).size() != messageIds.size()) {
        throw new IllegalArgumentException("messageIds names an id twice");
      }
    } else {
      if (!Usernames.isValid(sender)) {
        throw new IllegalArgumentException("sender must be a username");
      }
      if (count < 1 || count > MAX_MESSAGES) {
        throw new IllegalArgumentException("count must be 1 to " + MAX_MESSAGES);
      }
    }
  }

  /** Deletes the messages {@code messageIds} names. */
  public static DeleteMessagesRequest messages(
      String id, String conversation, List<String> messageIds) {
    return new DeleteMessagesRequest(id, conversation, messageIds, null, null);
  }

  /** Deletes the newest {@code count} messages of {@code sender}. */
  public static DeleteMessagesRequest newest(
      String id, String conversation, String sender, int count) {
    return new DeleteMessagesRequest(id, conversation, null, sender, count);
  }
}
