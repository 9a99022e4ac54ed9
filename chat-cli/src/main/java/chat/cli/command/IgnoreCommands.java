package chat.cli.command;

import chat.cli.CommandException;
import chat.cli.TerminalSafe;
import chat.protocol.ConversationIds;
import chat.protocol.Usernames;
import java.util.List;

/**
 * Users you do not want to hear from: {@code /ignore [USER]}, {@code /unignore USER}, and {@code
 * /report USER REASON} to the relay's operator.
 */
final class IgnoreCommands {
  private IgnoreCommands() {}

  static List<SlashCommand> all() {
    return List.of(
        SlashCommand.named("ignore", "/ignore [USER]", "stop showing someone's messages")
            .arguments(0, 1)
            .completes(ArgumentKind.USER)
            .help(
                "Their messages and files are no longer shown here: not live, not in",
                "/history, not counted unread, no bell, in rooms and privately. The relay",
                "still delivers them, so /unignore shows them again in /history. Kept in",
                "your profile for every window of it. /ignore alone lists whom you ignore.",
                "Notices about messages held or left out (a changed key) still name them.",
                "examples: /ignore   /ignore mallory")
            .runs(IgnoreCommands::ignore),
        SlashCommand.named("unignore", "/unignore USER", "show someone's messages again")
            .arguments(1, 1)
            .completes(ArgumentKind.USER)
            .help(
                "What they sent while ignored was kept: /history shows it.",
                "example: /unignore mallory")
            .runs(IgnoreCommands::unignore),
        SlashCommand.named(
                "report", "/report USER REASON", "tell the relay's operator about someone")
            .arguments(2, SlashCommand.UNLIMITED)
            .completes(ArgumentKind.USER)
            .help(
                "The operator of the relay reads your REASON (one line, at most 200",
                "characters), and where: the room you are in, or your private conversation",
                "with USER. The relay cannot read your conversations: say what happened.",
                "USER is not told. An operator can suspend an account.",
                "example: /report mallory spam links in every message")
            .runs(IgnoreCommands::report));
  }

  /** Reports to the operator from the current room, or the private conversation with the user. */
  private static void report(Input.Command command, CommandContext context) {
    String typed = Arguments.username(command.arg(0));
    if (typed.equalsIgnoreCase(Arguments.self(context))) {
      throw new CommandException.Usage("that is you: name someone else");
    }
    String where =
        context
            .currentConversation()
            .filter(
                c ->
                    ConversationIds.isRoom(c)
                        || ConversationIds.isDirect(c)
                            && ConversationIds.parties(c).contains(Usernames.key(typed)))
            .orElse(null);
    String name = context.client().report(typed, where, command.rest(1));
    context.info(
        "reported "
            + name
            + " to the relay's operator"
            + (where == null ? "" : " (in " + Arguments.label(context, where) + ")")
            + ": they read your reason, not your conversations");
  }

  private static void ignore(Input.Command command, CommandContext context) {
    if (command.argCount() == 0) {
      Arguments.self(context);
      List<String> names =
          context.client().listIgnoredUsers().stream().map(context.client()::spelling).toList();
      context.info(
          names.isEmpty()
              ? "you ignore no one: /ignore USER"
              : "you ignore " + names.size() + ": " + String.join(", ", names));
      return;
    }
    String typed = Arguments.username(command.arg(0));
    if (typed.equalsIgnoreCase(Arguments.self(context))) {
      throw new CommandException.Usage("that is you: name someone else");
    }
    String user = context.client().spelling(typed); // as registered, once their key is pinned
    String name = TerminalSafe.line(user);
    requireAccount(user, name, context);
    context.info(
        context.client().ignore(user, true)
            ? "ignoring "
                + name
                + ": their messages and files are not shown here (/unignore "
                + name
                + " to see them again)"
            : "you already ignore " + name);
  }

  /**
   * Refuses a name the relay has no account for (a typo would leave the user it meant shown, while
   * saying someone is ignored). Someone already ignored is not asked about.
   */
  private static void requireAccount(String user, String name, CommandContext context) {
    if (!context.client().ignores(user) && ConversationResolver.noAccount(user, context)) {
      throw new CommandException.Usage(
          "cannot ignore " + name + ": the relay has no user of that name");
    }
  }

  private static void unignore(Input.Command command, CommandContext context) {
    Arguments.self(context);
    String user = context.client().spelling(Arguments.username(command.arg(0)));
    String name = TerminalSafe.line(user);
    context.info(
        context.client().ignore(user, false)
            ? "no longer ignoring " + name + ": what they sent meanwhile is in /history"
            : "you do not ignore " + name);
  }
}
