package chat.cli.command;

import chat.cli.CommandException;
import chat.cli.TerminalSafe;
import chat.cli.client.ChatClient;
import chat.cli.client.MemberView;
import chat.cli.client.RoomView;
import chat.protocol.ConversationIds;
import chat.protocol.Usernames;
import java.util.List;
import java.util.Locale;

/**
 * {@code /join}, {@code /leave} (of a room, or the closing of a private conversation), {@code
 * /switch}, {@code /rooms} and {@code /members}.
 */
final class ConversationCommands {
  /** What {@code /switch} takes for the full screen's status window, as its list shows it. */
  private static final String STATUS_WINDOW = "status";

  private ConversationCommands() {}

  static List<SlashCommand> all() {
    return List.of(
        SlashCommand.named("join", "/join ROOM", "join (or create) a room and switch to it")
            .arguments(1, SlashCommand.UNLIMITED) // words after it are refused as a name
            .completes(ArgumentKind.ROOM)
            .help(
                "The # is optional. examples: /join #rust   /join rust",
                "A room name is 1-64 of a-z 0-9 _ -. A new room whose name reads as an",
                "existing room's (#0ps beside #ops, #dev_ops beside #dev-ops) is refused.",
                "A private conversation is /pm USER.")
            .runs(ConversationCommands::join),
        SlashCommand.named(
                "leave",
                "/leave [ROOM|@USER]",
                "leave a room, or close a private conversation (the current one by default)")
            .aliases("part")
            .arguments(0, 1)
            .completes(ArgumentKind.ROOM)
            .help(
                "Leaving the current room switches to #lobby, or to another conversation.",
                "A private conversation is closed on all your devices; its messages stay,",
                "and it opens again when either of you writes, or with /pm USER.",
                "examples: /leave   /leave #rust   /leave @alice")
            .runs(ConversationCommands::leave),
        SlashCommand.named("switch", "/switch [TARGET]", "change the current conversation")
            .arguments(0, 1)
            .completes(ArgumentKind.CONVERSATION)
            .help(
                "TARGET is #room, a room name, a username (your private conversation with",
                "them), or a number from the list /switch shows without a TARGET. In the",
                "full screen, status is the status window (unless you are in a room #status;",
                "a user named status is @status).",
                "examples: /switch #rust   /switch alice   /switch 2   /switch status")
            .runs(ConversationCommands::switchTo),
        SlashCommand.named("rooms", "/rooms", "list the rooms on the relay")
            .help("Shows each room with its member count, and marks the ones you are in.")
            .runs(ConversationCommands::rooms),
        SlashCommand.named(
                "members", "/members [CONVERSATION]", "list members, presence and key trust")
            .aliases("who")
            .arguments(0, 1)
            .completes(ArgumentKind.CONVERSATION)
            .help(
                "For each member: online, away (with the message) or offline, the role in a",
                "group (owner, admin), and whether their key is verified, unverified, or",
                "CHANGED (sending is refused until you /trust them again). In #lobby, /who",
                "lists only who is online. examples: /members   /who #rust   /who alice")
            .runs(ConversationCommands::members));
  }

  private static void join(Input.Command command, CommandContext context) {
    if (command.argCount() > 1) {
      // "/join My Room": a name of words, said as such rather than as a usage line
      String joined = String.join("-", command.args()).toLowerCase(java.util.Locale.ROOT);
      String room = joined.startsWith("#") ? joined : "#" + joined;
      throw new CommandException.Usage(
          "a room name has no spaces (1-64 of a-z 0-9 _ -)"
              + (ConversationIds.isRoom(room) ? ": did you mean /join " + room + "?" : ""));
    }
    String room = Arguments.room(command.arg(0));
    boolean already = context.client().conversations().contains(room);
    boolean here = already && context.currentConversation().filter(room::equals).isPresent();
    context.client().join(room); // asked all the same: the relay's list is the one that counts
    context.switchTo(room);
    context.info(
        here
            ? "you are already in " + room
            : already
                ? "you are a member of " + room + " already; now in " + room
                : "joined " + room);
  }

  private static void leave(Input.Command command, CommandContext context) {
    ChatClient client = context.client();
    String room = command.argCount() > 0 ? leaving(command.arg(0), context) : current(context);
    String done;
    if (ConversationIds.isDirect(room) && neverWritten(room, context)) {
      context.dropPane(room);
      done = "closed " + Arguments.label(context, room) + " (nothing was written there)";
    } else if (ConversationIds.isDirect(room)) {
      client.close(room);
      done = "closed " + Arguments.label(context, room) + " (it opens again when either writes)";
    } else {
      try {
        client.leave(room);
      } catch (CommandException.OwnerCannotLeave e) {
        throw new CommandException.Usage(
            "you own "
                + room
                + ": /transfer USER "
                + room
                + " first (you stay an admin, and can then leave), or /disband "
                + room
                + " to end the group for everyone");
      }
      done = "left " + room;
    }
    if (!context.currentConversation().map(room::equals).orElse(false)) {
      context.info(done);
      return;
    }
    // Moved on first, then said: a front end with a pane per conversation drops the left one's.
    NextConversation.after(client.conversations(), room)
        .ifPresentOrElse(
            conversation -> {
              context.switchTo(conversation);
              context.info(done + "; now in " + Arguments.label(context, conversation));
            },
            () -> {
              context.switchToNone();
              context.info(done + "; " + Arguments.NO_CONVERSATION);
            });
  }

  /**
   * Whether private conversation {@code id} is one opened here ({@code /pm}) that never had a
   * message: shown, but not among the client's conversations, so the relay has nothing to close.
   */
  private static boolean neverWritten(String id, CommandContext context) {
    boolean shown =
        context.currentConversation().map(id::equals).orElse(false)
            || context.numberedConversations().contains(id);
    return shown && !context.client().conversations().contains(id);
  }

  /**
   * What {@code /leave TARGET} leaves: {@code @USER} or {@code @a+b} a private one, else a room.
   */
  private static String leaving(String target, CommandContext context) {
    return target.startsWith("@")
        ? ConversationResolver.resolve(target, context)
        : Arguments.room(target);
  }

  /** The current conversation, if it can be left. */
  private static String current(CommandContext context) {
    String conversation = Arguments.current(context);
    if (!ConversationIds.isRoom(conversation) && !ConversationIds.isDirect(conversation)) {
      throw new CommandException.Usage(
          "only rooms and private conversations can be left; use /switch to go elsewhere");
    }
    return conversation;
  }

  private static void switchTo(Input.Command command, CommandContext context) {
    ChatClient client = context.client();
    if (command.argCount() == 0) {
      listConversations(context);
      return;
    }
    String target = command.arg(0);
    if (target.equalsIgnoreCase(STATUS_WINDOW)
        && !client.conversations().contains("#" + STATUS_WINDOW)
        && context.switchToStatus()) {
      return; // the full screen's status window, as its list names it; a room #status comes first
    }
    String conversation = ConversationResolver.resolve(target, context);
    if (ConversationIds.isRoom(conversation) && !client.conversations().contains(conversation)) {
      // Not offered for a name the relay has no account for, where /pm would only be refused.
      String orPm =
          target.startsWith("#")
                  || !Usernames.isValid(target)
                  || ConversationResolver.noAccount(target, context)
              ? ""
              : ", or /pm " + target + " for a private conversation";
      throw new CommandException.Usage(
          "you are not in " + conversation + ": /join " + conversation + " first" + orPm);
    }
    if (ConversationIds.isDirect(conversation) && !client.conversations().contains(conversation)) {
      requireOtherParty(conversation, context);
    }
    context.switchTo(conversation);
    context.info("now in " + Arguments.label(context, conversation));
  }

  /**
   * Refuses private conversation {@code conversation}, not among the client's, when this user is
   * not one of its two parties or the relay has no account for the other one: a typo would
   * otherwise open a conversation where every message is refused.
   */
  private static void requireOtherParty(String conversation, CommandContext context) {
    String self = Usernames.key(Arguments.self(context));
    if (!ConversationIds.parties(conversation).contains(self)) {
      throw new CommandException.Usage(
          "you are not a party of "
              + conversation
              + ": a private conversation of yours is @USER (/pm USER)");
    }
    String other = ConversationIds.otherParty(conversation, self);
    if (ConversationResolver.noAccount(other, context)) {
      throw new CommandException.Usage(
          "cannot switch to @" + other + ": the relay has no user of that name");
    }
  }

  /** The conversations numbered as {@code /switch N} takes them: as this front end shows them. */
  private static void listConversations(CommandContext context) {
    List<String> conversations = context.numberedConversations();
    if (conversations.isEmpty()) {
      context.info("you are in no conversations: /join a room");
      return;
    }
    String current = context.currentConversation().orElse("");
    for (int i = 0; i < conversations.size(); i++) {
      String conversation = conversations.get(i);
      String mark = conversation.equals(current) ? "  (current)" : "";
      context.info((i + 1) + "  " + Arguments.label(context, conversation) + mark);
    }
  }

  private static void rooms(Input.Command command, CommandContext context) {
    List<RoomView> rooms = context.client().rooms();
    if (rooms.isEmpty()) {
      context.info("no rooms yet: /join NAME creates one");
      return;
    }
    for (RoomView room : rooms) {
      String members = room.memberCount() == 1 ? " member" : " members";
      context.info(
          TerminalSafe.line(room.conversation())
              + "  "
              + room.memberCount()
              + members
              + groupNote(room)
              + (room.joined() ? "  (joined)" : "")
              + (room.invited() ? "  (invited: /join " + room.conversation() + ")" : ""));
    }
  }

  private static void members(Input.Command command, CommandContext context) {
    String conversation =
        command.argCount() > 0
            ? ConversationResolver.resolve(command.arg(0), context)
            : Arguments.current(context);
    List<MemberView> members = context.client().members(conversation);
    if (command.name().equals("who") && conversation.equals(ConversationIds.LOBBY)) {
      whoIsOnline(members, context);
      return;
    }
    context.info(
        "members of " + Arguments.label(context, conversation) + " (" + members.size() + "):");
    memberLines(members).forEach(context::info);
  }

  /** The lobby holds every user: {@code /who} there lists who is online or away. */
  private static void whoIsOnline(List<MemberView> members, CommandContext context) {
    List<MemberView> online = members.stream().filter(MemberView::online).toList();
    context.info("online now (" + online.size() + " of " + members.size() + "):");
    memberLines(online).forEach(context::info);
  }

  /**
   * One line per member, in the columns of {@code chat members}: name, presence, trust, role (in a
   * group), a mute, and an away message last in parentheses. Each column is as wide as its widest
   * entry, so that the columns line up.
   */
  private static List<String> memberLines(List<MemberView> members) {
    int nameWidth = SocialLines.nameWidth(members.stream().map(MemberView::username).toList());
    int trustWidth =
        members.stream().mapToInt(m -> TrustText.of(m.trust()).length()).max().orElse(0);
    int roleWidth =
        members.stream().mapToInt(m -> SocialLines.role(m.role()).length()).max().orElse(0);
    return members.stream()
        .map(
            member -> {
              String muted = SocialLines.muted(member);
              String message = member.presence().message();
              String line =
                  "  "
                      + SocialLines.padded(TerminalSafe.line(member.username()), nameWidth)
                      + "  "
                      + SocialLines.padded(
                          member.presence().status().name().toLowerCase(Locale.ROOT), 7)
                      + "  "
                      + SocialLines.padded(TrustText.of(member.trust()), trustWidth)
                      + (roleWidth == 0
                          ? ""
                          : "  " + SocialLines.padded(SocialLines.role(member.role()), roleWidth))
                      + (muted.isEmpty() ? "" : "  " + muted)
                      + (message.isEmpty() ? "" : "  (" + TerminalSafe.line(message) + ")");
              return line.stripTrailing();
            })
        .toList();
  }

  private static String groupNote(RoomView room) {
    if (!room.group()) {
      return "";
    }
    String name = room.conversation().substring(1);
    boolean titled = !room.title().isEmpty() && !room.title().equals(name);
    return "  group" + (titled ? " " + TerminalSafe.quoted(room.title()) : "");
  }
}
