package chat.cli.client;

import chat.protocol.ConversationIds;
import chat.protocol.Usernames;
import java.util.function.UnaryOperator;

/**
 * How a person names a conversation in a line meant for them: a room by its id ({@code #ops}), a
 * private conversation by its other party ({@code @bob}), never by its id ({@code @alice+bob}),
 * which only {@code --json} output shows. Not cleaned for a terminal: a front end prints it through
 * {@link chat.cli.TerminalSafe} as any text.
 */
public final class ConversationLabel {
  private ConversationLabel() {}

  /**
   * {@code conversation} as {@code self} names it: {@code @bob} for a private conversation of
   * theirs with bob, else {@code conversation} as it is (a room, or a private conversation {@code
   * self} is no party of, or any {@code conversation} when {@code self} is null, not known yet).
   */
  public static String of(String conversation, String self) {
    return of(conversation, self, UnaryOperator.identity());
  }

  /**
   * As {@link #of(String, String)}, the other party of a private conversation named by {@code
   * spelling} (from the lowercase key the id holds to the name as registered, where known).
   */
  public static String of(String conversation, String self, UnaryOperator<String> spelling) {
    if (self == null || !ConversationIds.isDirect(conversation)) {
      return conversation;
    }
    String key = Usernames.key(self);
    if (!ConversationIds.parties(conversation).contains(key)) {
      return conversation;
    }
    String other = ConversationIds.otherParty(conversation, key);
    String spelled = spelling.apply(other);
    boolean same = Usernames.isValid(spelled) && Usernames.key(spelled).equals(other);
    return "@" + (same ? spelled : other);
  }
}
