package chat.cli.command;

import chat.protocol.ConversationIds;
import java.util.List;
import java.util.Optional;

/**
 * Where a front end goes when this user is out of the current conversation (left, removed, the
 * group disbanded): {@code #lobby} if they are in it, else the first other conversation, else none.
 */
public final class NextConversation {
  private NextConversation() {}

  /** The conversation to go to from {@code gone}, among {@code conversations} (this user's). */
  public static Optional<String> after(List<String> conversations, String gone) {
    if (!gone.equals(ConversationIds.LOBBY) && conversations.contains(ConversationIds.LOBBY)) {
      return Optional.of(ConversationIds.LOBBY);
    }
    return conversations.stream().filter(c -> !c.equals(gone)).findFirst();
  }

  /**
   * Why a line was not sent: it was typed for {@code typedFor} and the front end is now in {@code
   * now} (both as shown to the person), and how to send it there after all.
   */
  public static String notSent(String typedFor, String now) {
    return "not sent: it was typed for "
        + typedFor
        + ", and you are now in "
        + now
        + "; send it again (Up) to post it there";
  }
}
