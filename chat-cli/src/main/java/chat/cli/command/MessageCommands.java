package chat.cli.command;

import chat.cli.CommandException;
import chat.cli.TerminalSafe;
import chat.cli.client.ChatClient;
import chat.cli.client.ChatMessage;
import chat.cli.client.Deletion;
import chat.cli.client.HeldMessages;
import chat.cli.client.HistoryPage;
import chat.cli.client.LeftOutFromOthers;
import chat.cli.client.Posted;
import chat.cli.emoji.EmojiCatalog;
import chat.cli.emoji.ShortcodeExpander;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /send}, {@code /me}, {@code /reply}, {@code /edit}, {@code /pm}, {@code /history} and
 * {@code /delete}, and sending plain text to the current conversation. A sent message is shown at
 * once: the client does not echo this user's own messages through its listener. Emoji shortcodes
 * such as {@code :smile:} in sent text become emoji (see {@link ShortcodeExpander}; text in
 * backticks is left alone).
 */
final class MessageCommands {
  static final int DEFAULT_HISTORY = 50;

  /** What a reply's or an edit's text starts with to be an action ({@code /reply bob /me nods}). */
  private static final String ACTION_WORD = "/me";

  /** {@link #ACTION_WORD} alone or before white space (a space, a tab, a line break). */
  private static final java.util.regex.Pattern ACTION =
      java.util.regex.Pattern.compile("/me(\\s|$)");

  private MessageCommands() {}

  static List<SlashCommand> all() {
    return List.of(
        SlashCommand.named("send", "/send TEXT", "send TEXT to the current conversation")
            .arguments(1, SlashCommand.UNLIMITED)
            .acceptsLines()
            .help(
                "The same as typing TEXT on its own. To send text that starts with a slash,",
                "type // or a space first: //shrug and ' /shrug' both send /shrug.",
                "Shortcodes such as :smile: become emoji; text in `backticks` is sent as typed.")
            .runs((command, context) -> sendToCurrent(command.argText(), context)),
        SlashCommand.named("me", "/me ACTION", "send an action: /me waves shows * alice waves")
            .arguments(1, SlashCommand.UNLIMITED)
            .acceptsLines()
            .help(
                "Sends ACTION to the current conversation as something you do: members see",
                "* alice waves. Shortcodes such as :wave: become emoji, as in other messages.",
                "A client too old to know actions shows it as a message: <alice> waves.",
                "example: /me is back from lunch")
            .runs(
                (command, context) -> {
                  Arguments.self(context);
                  send(Arguments.current(context), command.argText(), true, context);
                }),
        SlashCommand.named("reply", "/reply USER TEXT", "reply to USER's last message here")
            .aliases("re")
            .arguments(2, SlashCommand.UNLIMITED)
            .acceptsLines()
            .completes(ArgumentKind.USER, ArgumentKind.OTHER)
            .help(
                "Sends TEXT to the current conversation as a reply to USER's newest message",
                "or file offer here (not a deleted one), among those shown since the client",
                "started and the last " + DEFAULT_HISTORY + ". Members see it quoted:",
                "(re bob: \"deploy at noon, ok?\") <alice> sure. Each member's client quotes",
                "the message it holds; a client too old to know replies shows the text alone.",
                "TEXT starting with /me is an action: /re bob /me nods (//me: the text /me).",
                "examples: /reply bob sure   /re carol: :thumbsup:")
            .runs(MessageCommands::reply),
        SlashCommand.named("edit", "/edit TEXT", "correct your last message here")
            .arguments(1, SlashCommand.UNLIMITED)
            .acceptsLines()
            .help(
                "Sends TEXT as a new version of your newest message here (not a file offer,",
                "not a deleted one), among those shown since the client started and the last "
                    + DEFAULT_HISTORY
                    + ".",
                "Members see it with the start of what it corrects:",
                "(edit of \"deploy at noon\") <alice> deploy at one. The full-screen interface",
                "marks the first version (edited); it is not taken back (/delete does that).",
                "A client too old to know edits shows TEXT as a message. TEXT starting with",
                "/me is an action (//me: the text /me). Up recalls what you typed before.",
                "examples: /edit deploy at one   /edit /me waves again")
            .runs(MessageCommands::edit),
        SlashCommand.named("react", "/react [USER] EMOJI", "react to someone's last message here")
            .arguments(1, 2)
            .completes(ArgumentKind.USER, ArgumentKind.OTHER)
            .help(
                "Puts EMOJI (one emoji, or a :shortcode: such as :+1:) on the newest message",
                "here of someone else; with USER, on USER's newest message or file offer (among",
                "those shown since the client started and the last " + DEFAULT_HISTORY + ").",
                "Members see (re bob: \"deploy at noon?\") * alice reacts 👍, and the full-screen",
                "interface counts it after bob's message: 👍 1. /delete takes it back (it is",
                "your newest message). A client too old to know reactions shows the emoji alone.",
                "examples: /react :+1:   /react bob 🎉")
            .runs(MessageCommands::react),
        SlashCommand.named("pm", "/pm USER [TEXT]", "send a private message, or open the chat")
            .aliases("w", "msg", "query")
            .arguments(1, SlashCommand.UNLIMITED)
            .acceptsLines()
            .completes(ArgumentKind.USER, ArgumentKind.OTHER)
            .help(
                "With TEXT, sends it privately to USER and stays where you are; without, makes",
                "the private conversation with USER the current one (opening it again on all",
                "your devices if you closed it with /leave).",
                "examples: /pm alice are you there?   /w alice")
            .runs(MessageCommands::privateMessage),
        SlashCommand.named("history", "/history [CONVERSATION] [N]", "show the last N messages")
            .arguments(0, 2)
            .completes(ArgumentKind.CONVERSATION, ArgumentKind.OTHER)
            .help(
                "CONVERSATION is a room or a username and defaults to the current one; N",
                "defaults to " + DEFAULT_HISTORY + " (at most " + ChatClient.MAX_HISTORY + ").",
                "examples: /history   /history 200   /history #rust 10   /history alice")
            .runs(MessageCommands::history),
        SlashCommand.named("delete", "/delete [USER] [N]", "delete your last N messages here")
            .arguments(0, 2)
            .completes(ArgumentKind.USER, ArgumentKind.OTHER)
            .help(
                "Deletes your last N messages (1 by default, at most "
                    + ChatClient.MAX_DELETE
                    + ") in the current",
                "conversation from the relay: no history has them again, and members' screens",
                "drop them (a terminal's scrollback keeps what line mode printed). A group's",
                "owner and admins name USER to delete a member's (admins never the owner's",
                "or other admins'). Among the last 1000 messages only.",
                "examples: /delete   /delete 3   /delete mallory 20")
            .runs(MessageCommands::delete));
  }

  /**
   * Whether {@code word} was meant as a count: it starts with a digit or a sign (a username starts
   * with a letter), so {@code -1} or {@code 2x} is said to be no count, not no username.
   */
  private static boolean countLike(String word) {
    char first = word.charAt(0);
    return (first >= '0' && first <= '9') || first == '-' || first == '+';
  }

  /** {@code /delete [USER] [N]}: the newest N messages of USER (this user by default) here. */
  private static void delete(Input.Command command, CommandContext context) {
    String self = Arguments.self(context);
    String sender = self;
    int count = 1;
    String what = "N";
    if (command.argCount() == 2) {
      if (countLike(command.arg(0)) && !countLike(command.arg(1))) {
        throw new CommandException.Usage("usage: /delete [USER] [N]: the user comes first");
      }
      sender = Arguments.username(command.arg(0));
      count = Arguments.number(command.arg(1), 1, ChatClient.MAX_DELETE, what);
    } else if (command.argCount() == 1 && countLike(command.arg(0))) {
      count = Arguments.number(command.arg(0), 1, ChatClient.MAX_DELETE, what);
    } else if (command.argCount() == 1) {
      sender = Arguments.username(command.arg(0));
    }
    Deletion deletion = context.client().deleteNewest(Arguments.current(context), sender, count);
    if (deletion.messageIds().isEmpty() || !context.showsOwnEvents()) {
      context.info(SocialLines.deleted(deletion, self, context.client()::spelling));
    } // else the relay's event says it, and the screen drops the messages
  }

  /** Sends {@code text} to the current conversation and shows it. */
  static void sendToCurrent(String text, CommandContext context) {
    Arguments.self(context);
    send(Arguments.current(context), text, false, context);
  }

  private static void send(
      String conversation, String text, boolean action, CommandContext context) {
    send(conversation, text, action, null, context);
  }

  /** What a reply or an edit sends: its text, and whether it is an action. */
  private record Spoken(String text, boolean action) {
    /**
     * {@code typed}, an action if it starts with {@code /me} ({@code /reply bob /me nods}, as /me
     * sends one); {@code //me} is the text {@code /me}. {@code usage} is said for a {@code /me}
     * with nothing after it.
     */
    static Spoken from(String typed, String usage) {
      if (ACTION.matcher(typed).lookingAt()) {
        String text = typed.substring(ACTION_WORD.length()).strip();
        if (text.isEmpty()) {
          throw new CommandException.Usage(usage);
        }
        return new Spoken(text, true);
      }
      return new Spoken(typed.startsWith("//") ? typed.substring(1) : typed, false);
    }
  }

  /**
   * {@code /edit TEXT}: TEXT as a new version of this user's newest text message or action here
   * among those this client holds; when it holds none, among the last {@value #DEFAULT_HISTORY}.
   */
  private static void edit(Input.Command command, CommandContext context) {
    String self = Arguments.self(context);
    String conversation = Arguments.current(context);
    Spoken spoken =
        Spoken.from(command.argText(), "usage: /edit /me ACTION: what you do, as with /me");
    ChatClient client = context.client();
    String id =
        named(
            context,
            conversation,
            () -> client.newestTextFrom(conversation, self),
            "of yours",
            "edit");
    ChatMessage sent =
        client.edit(
            conversation, ShortcodeExpander.standard().expand(spoken.text()), spoken.action(), id);
    context.showMessage(sent);
  }

  /**
   * {@code /react [USER] EMOJI}: EMOJI on USER's newest message here, or on the newest of someone
   * else's; when this client holds none, among the last {@value #DEFAULT_HISTORY}.
   */
  private static void react(Input.Command command, CommandContext context) {
    Arguments.self(context);
    String conversation = Arguments.current(context);
    ChatClient client = context.client();
    ShortcodeExpander shortcodes = ShortcodeExpander.standard();
    EmojiCatalog emojis = EmojiCatalog.shared();
    String emoji = shortcodes.expand(command.arg(command.argCount() - 1));
    if (command.argCount() == 2
        && !emojis.isEmoji(emoji)
        && emojis.isEmoji(shortcodes.expand(command.arg(0)))) {
      throw new CommandException.Usage("usage: /react [USER] EMOJI: the user comes first");
    }
    ChatClient.requireReaction(emoji); // before any history is fetched
    String id;
    if (command.argCount() == 2) {
      String username = addressed(command.arg(0), client, "react to");
      id =
          named(
              context,
              conversation,
              () -> client.newestMessageFrom(conversation, username),
              "from " + MessageFormatter.otherUser(username),
              "react to");
    } else {
      id =
          named(
              context,
              conversation,
              () -> client.newestMessageOfOthers(conversation),
              "of someone else",
              "react to");
    }
    context.showMessage(client.react(conversation, emoji, id));
  }

  /**
   * The user {@code typed} names ({@code bob}, or {@code bob:} and {@code bob,} as people address
   * someone in a chat); refused if this user ignores them, saying how to {@code verb} them.
   */
  private static String addressed(String typed, ChatClient client, String verb) {
    String username = Arguments.username(typed.replaceFirst("[:,]$", ""));
    if (client.ignores(username)) {
      throw new CommandException.Usage(
          "you ignore "
              + MessageFormatter.otherUser(username)
              + ": /unignore "
              + MessageFormatter.otherUser(username)
              + " to "
              + verb
              + " them");
    }
    return username;
  }

  /**
   * The id of the message {@code find} gives among those this client holds; when it holds none,
   * among the last {@value #DEFAULT_HISTORY} (fetched, not shown). Refused when there is none
   * either: {@code no message WHOSE in #ops to VERB (...)}.
   */
  private static String named(
      CommandContext context,
      String conversation,
      Supplier<Optional<String>> find,
      String whose,
      String verb) {
    Optional<String> found = find.get();
    if (found.isEmpty()) {
      context.client().historyPage(conversation, DEFAULT_HISTORY);
      found = find.get();
    }
    String label = Arguments.label(context, conversation);
    return found.orElseThrow(
        () ->
            new CommandException.Usage(
                "no message "
                    + whose
                    + " in "
                    + label
                    + " to "
                    + verb
                    + " (none among the last "
                    + DEFAULT_HISTORY
                    + " or those shown since the client started)"));
  }

  private static void send(
      String conversation, String text, boolean action, String replyTo, CommandContext context) {
    ChatMessage sent =
        context
            .client()
            .send(conversation, ShortcodeExpander.standard().expand(text), action, replyTo);
    context.showMessage(sent);
  }

  /**
   * {@code /reply USER TEXT}: TEXT, answering USER's newest message here among those this client
   * holds; when it holds none, among the last {@value #DEFAULT_HISTORY} (fetched, not shown).
   */
  private static void reply(Input.Command command, CommandContext context) {
    Arguments.self(context);
    String conversation = Arguments.current(context);
    ChatClient client = context.client();
    String username = addressed(command.arg(0), client, "reply to");
    Spoken spoken =
        Spoken.from(command.rest(1), "usage: /reply USER /me ACTION: what you do, as with /me");
    String id =
        named(
            context,
            conversation,
            () -> client.newestMessageFrom(conversation, username),
            "from " + MessageFormatter.otherUser(username),
            "reply to");
    send(conversation, spoken.text(), spoken.action(), id, context);
  }

  private static void privateMessage(Input.Command command, CommandContext context) {
    String conversation = ConversationResolver.direct(command.arg(0), context);
    String text = command.rest(1);
    String user = Arguments.username(command.arg(0));
    if (text.isEmpty()) {
      // As /switch @USER: a typo is said now, not at the first message; asking also learns how
      // the name is spelled, for the lines below.
      if (ConversationResolver.noAccount(user, context)) {
        throw new CommandException.Usage(
            "cannot open @" + TerminalSafe.line(user) + ": the relay has no user of that name");
      }
      context.client().open(conversation); // if this user closed it (/leave), it is back
      context.switchTo(conversation);
      context.info("now in " + Arguments.label(context, conversation));
    } else {
      try {
        send(conversation, text, false, context);
      } catch (CommandException.NoSuchUser e) {
        // the relay had no key to seal it to: said in the words /pm USER uses
        throw new CommandException.Usage(
            "not sent to @" + TerminalSafe.line(user) + ": the relay has no user of that name");
      }
    }
  }

  private static void history(Input.Command command, CommandContext context) {
    String target = null;
    int limit = DEFAULT_HISTORY;
    if (command.argCount() == 2
        && Arguments.isNumber(command.arg(0))
        && !Arguments.isInteger(command.arg(1))) {
      throw new CommandException.Usage(
          "name the conversation before N: /history "
              + TerminalSafe.line(command.arg(1))
              + " "
              + command.arg(0));
    }
    if (command.argCount() == 2) {
      target = command.arg(0);
      limit = Arguments.number(command.arg(1), 1, ChatClient.MAX_HISTORY, "N");
    } else if (command.argCount() == 1 && Arguments.isInteger(command.arg(0))) {
      limit = Arguments.number(command.arg(0), 1, ChatClient.MAX_HISTORY, "N");
    } else if (command.argCount() == 1) {
      target = command.arg(0);
    }
    String conversation =
        target == null ? Arguments.current(context) : ConversationResolver.resolve(target, context);
    ChatClient client = context.client();
    HistoryPage page = client.historyPage(conversation, limit);
    Set<String> ignoredUsers = client.ignoredUsers();
    List<Posted> messages =
        page.entries().stream()
            .filter(p -> !ChatClient.hides(p, ignoredUsers))
            .map(p -> ChatClient.unquotingIgnored(p, ignoredUsers))
            .toList();
    int ignored = page.entries().size() - messages.size();
    String label = Arguments.label(context, conversation);
    Optional<String> notForYou = page.notForYouNote(label);
    if (messages.isEmpty() && ignored == 0) {
      context.info(notForYou.orElse("no messages in " + label));
    } else if (messages.isEmpty()) {
      notForYou.ifPresent(context::info);
    } else {
      int shown = messages.size();
      String count = shown == 1 ? "last message" : "last " + shown + " messages";
      context.info(count + " in " + label + ":");
      context.showListed(messages);
      notForYou.ifPresent(context::info);
    }
    if (ignored > 0) {
      context.info(
          (ignored == 1 ? "1 message" : ignored + " messages")
              + " from users you ignore not shown (/ignore lists them)");
    }
    sayNotShown(page, context);
  }

  /**
   * What a history page found but does not show, under what a command listed of it: the messages
   * held until a changed key is accepted, per sender, and those left out for good.
   */
  static void sayNotShown(HistoryPage page, CommandContext context) {
    for (HeldMessages held : page.held()) {
      context.info(CommandWords.SLASH.held(held));
    }
    LeftOutFromOthers.notices(page.leftOut()).forEach(context::info);
  }
}
