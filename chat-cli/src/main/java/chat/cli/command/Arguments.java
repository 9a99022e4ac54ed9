package chat.cli.command;

import chat.cli.CommandException;
import chat.protocol.ConversationIds;
import chat.protocol.Usernames;
import java.util.Arrays;
import java.util.Locale;

/** Checks and conversions of command arguments shared by the handlers. */
final class Arguments {
  static final String NOT_LOGGED_IN = "not logged in: /login NAME or /register NAME first";
  static final String NO_CONVERSATION = "no conversation selected: /join a room or /switch to one";

  private Arguments() {}

  /** {@code typed} if it is a valid username. */
  static String username(String typed) {
    String name = typed.startsWith("@") ? typed.substring(1) : typed;
    if (!Usernames.isValid(name)) {
      throw new CommandException.Usage(
          "not a username: 3-32 of A-Z a-z 0-9 _ . -, starting with a letter");
    }
    return name;
  }

  /** The room id for {@code typed}, with or without the {@code #}, lowercased. */
  static String room(String typed) {
    String id = (typed.startsWith("#") ? typed : "#" + typed).toLowerCase(Locale.ROOT);
    if (!ConversationIds.isRoom(id)) {
      String user = typed.startsWith("@") ? typed.substring(1) : "";
      throw new CommandException.Usage(
          "not a room name: 1-64 of a-z 0-9 _ -, e.g. #rust"
              + (Usernames.isValid(user) ? "; a private conversation is /pm " + user : ""));
    }
    return id;
  }

  /** {@code typed} as a whole number from {@code min} to {@code max}. */
  static int number(String typed, int min, int max, String what) {
    try {
      int value = Integer.parseInt(typed);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new CommandException.Usage(what + " must be a number from " + min + " to " + max);
  }

  /** Whether {@code typed} is all ASCII digits. */
  static boolean isNumber(String typed) {
    return !typed.isEmpty() && typed.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /**
   * Whether {@code typed} is ASCII digits, with or without a sign ({@code 5}, {@code -5}, {@code
   * +3}): meant as a number, though a room may have the name {@code #-5}.
   */
  static boolean isInteger(String typed) {
    boolean signed = !typed.isEmpty() && (typed.charAt(0) == '-' || typed.charAt(0) == '+');
    return isNumber(signed ? typed.substring(1) : typed);
  }

  /** The logged-in username. */
  static String self(CommandContext context) {
    return context.client().username().orElseThrow(() -> new CommandException.Usage(NOT_LOGGED_IN));
  }

  /** The current conversation. */
  static String current(CommandContext context) {
    return context
        .currentConversation()
        .orElseThrow(() -> new CommandException.Usage(NO_CONVERSATION));
  }

  /** The conversation as shown to this user. */
  static String label(CommandContext context, String conversation) {
    return MessageFormatter.conversationLabel(context.client(), conversation);
  }

  /** Overwrites each array with zeros; null arrays are skipped. */
  static void zero(char[]... secrets) {
    for (char[] secret : secrets) {
      if (secret != null) {
        Arrays.fill(secret, '\0');
      }
    }
  }
}
