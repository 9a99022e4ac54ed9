package chat.cli.command;

import chat.cli.CommandException;
import chat.cli.client.ChatClient;
import chat.protocol.ConversationIds;
import java.util.List;
import java.util.Locale;

/**
 * Turns what a person typed into a conversation id: {@code #room} or {@code @a+b}, {@code @user}, a
 * 1-based index into {@link ChatClient#conversations()}, a room the user is in, or a username (the
 * direct conversation with them). A bare name that is both a joined room and a user means the room.
 */
final class ConversationResolver {
  private ConversationResolver() {}

  /** The conversation {@code target} names. */
  static String resolve(String target, CommandContext context) {
    ChatClient client = context.client();
    if (Arguments.isInteger(target)) {
      return byIndex(target, context.numberedConversations());
    }
    String lower = target.toLowerCase(Locale.ROOT);
    if (lower.startsWith("#")) {
      return Arguments.room(lower);
    }
    if (lower.startsWith("@")) {
      return ConversationIds.isDirect(lower) ? lower : direct(target.substring(1), context);
    }
    String room = "#" + lower;
    if (client.conversations().contains(room)) {
      return room;
    }
    boolean knownUser = client.knownUsers().stream().anyMatch(u -> u.equalsIgnoreCase(target));
    if (!knownUser && ConversationIds.isRoom(room)) {
      return room;
    }
    return direct(target, context);
  }

  /** The direct conversation with {@code username}. */
  static String direct(String username, CommandContext context) {
    String name = Arguments.username(username);
    if (name.equalsIgnoreCase(Arguments.self(context))) {
      throw new CommandException.Usage("that is you: name someone else");
    }
    return context.client().directWith(name);
  }

  /**
   * Whether the relay is known to have no account named {@code user}: someone seen is not asked
   * about, and while the relay cannot be asked (offline, or a key it cannot read) the account may
   * well exist, so this is false. Asking pins no key.
   */
  static boolean noAccount(String user, CommandContext context) {
    ChatClient client = context.client();
    if (client.knownUsers().stream().anyMatch(known -> known.equalsIgnoreCase(user))) {
      return false;
    }
    try {
      return !client.hasAccount(user);
    } catch (CommandException e) {
      return false;
    }
  }

  private static String byIndex(String typed, List<String> conversations) {
    if (conversations.isEmpty()) {
      throw new CommandException.Usage("you are in no conversations: /join a room first");
    }
    int index = Arguments.number(typed, 1, conversations.size(), "the conversation number");
    return conversations.get(index - 1);
  }
}
