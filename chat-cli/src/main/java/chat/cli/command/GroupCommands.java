package chat.cli.command;

import chat.cli.CommandException;
import chat.cli.TerminalSafe;
import chat.cli.client.BanView;
import chat.cli.client.ChatClient;
import chat.cli.client.GroupAction;
import chat.cli.client.MemberRole;
import chat.protocol.ConversationIds;
import chat.protocol.Usernames;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * Groups: {@code /group create}, {@code /invite}, {@code /decline}, {@code /kick}, {@code /ban},
 * {@code /unban}, {@code /bans}, {@code /mute}, {@code /unmute}, {@code /transfer}, {@code /admin},
 * {@code /deadmin}, {@code /rename} and {@code /disband}. The member commands act on the current
 * room unless a room is named after the user.
 */
final class GroupCommands {
  private GroupCommands() {}

  static List<SlashCommand> all() {
    return List.of(
        SlashCommand.named("group", "/group create NAME", "create a group (invite-only room)")
            .arguments(2, SlashCommand.UNLIMITED) // a NAME with spaces is refused as a name
            .completes(ArgumentKind.OTHER, ArgumentKind.OTHER)
            .help(
                "You own the group: you and the admins you name invite, kick and ban. Others",
                "join only after an invitation, with /join NAME. example: /group create team")
            .runs(GroupCommands::create),
        SlashCommand.named(
                "invite", "/invite USER[,USER...] [ROOM]", "let USER join the group (with /join)")
            .arguments(1, 2)
            .completes(ArgumentKind.USERS, ArgumentKind.ROOM)
            .help(
                "ROOM defaults to the current one. Owners and admins may invite. Several users",
                "go in one list without spaces (at most "
                    + EachUser.MAX_USERS
                    + "): each is invited in turn, and",
                "one who cannot be (no such user, already a member, banned) does not stop the",
                "rest. examples: /invite bob   /invite bob #team   /invite bob,carol,dave #team")
            .runs((command, context) -> member(GroupAction.INVITE, command, context)),
        SlashCommand.named("decline", "/decline ROOM", "decline an invitation to a group")
            .arguments(1, 1)
            .completes(ArgumentKind.ROOM)
            .help(
                "The invitation is deleted on the relay: it is not shown again at your next",
                "login, and the group's admins may invite you again. example: /decline #team")
            .runs(GroupCommands::decline),
        SlashCommand.named(
                "kick",
                "/kick USER[,USER...] [ROOM] [REASON]",
                "remove USER from the group, or withdraw an invitation")
            .arguments(1, SlashCommand.UNLIMITED)
            .completes(ArgumentKind.USERS, ArgumentKind.ROOM)
            .help(
                "ROOM defaults to the current one. A REASON (at most 200 characters, shown to",
                "USER and the members) comes after the ROOM, named. Owners and admins may kick",
                "(admins never the owner or other admins).",
                SEVERAL,
                "examples: /kick bob   /kick bob #team   /kick bob #team flooding the room",
                "          /kick eve,mallory #team spam")
            .runs((command, context) -> member(GroupAction.KICK, command, context)),
        SlashCommand.named(
                "ban",
                "/ban USER[,USER...] [ROOM] [TIME] [REASON]",
                "remove USER and keep them out")
            .arguments(1, SlashCommand.UNLIMITED)
            .completes(ArgumentKind.USERS, ArgumentKind.ROOM)
            .help(
                "ROOM defaults to the current one. TIME (90m, 12h, 7d, 2w: 1 minute to 365 days)",
                "ends the ban by itself. A REASON (at most 200 characters, shown to USER and the",
                "members, and kept with the ban for /bans) comes after the ROOM, named. Owners",
                "and admins may ban (admins never the owner or other admins).",
                SEVERAL,
                "examples: /ban bob   /ban bob #team 7d   /ban bob #team 2h flooding the room",
                "          /ban eve,mallory #team 7d spam")
            .runs((command, context) -> member(GroupAction.BAN, command, context)),
        member("unban", GroupAction.UNBAN, "lift USER's ban"),
        SlashCommand.named("bans", "/bans [ROOM]", "who is banned from a group, and until when")
            .arguments(0, 1)
            .completes(ArgumentKind.ROOM)
            .help(
                "For the group's owner and admins: each banned user, who banned them, when and",
                "until when (local time; '-' for a ban until lifted) and the reason given ('-'",
                "for none). ROOM defaults to the current one. /unban USER ROOM lifts a ban.",
                "example: /bans #team")
            .runs(GroupCommands::bans),
        SlashCommand.named(
                "mute",
                "/mute USER[,USER...] [ROOM] [TIME] [REASON]",
                "let USER read the group, not post")
            .arguments(1, SlashCommand.UNLIMITED)
            .completes(ArgumentKind.USERS, ArgumentKind.ROOM)
            .help(
                "USER stays a member and reads on; the relay refuses their messages and",
                "files there. ROOM defaults to the current one. TIME (90m, 12h, 7d, 2w) ends",
                "the mute by itself. A REASON (shown to USER and the members) comes after the",
                "ROOM, named. Owners and admins may mute (admins never the owner or other",
                "admins); /unmute lifts it, and /mute again changes it.",
                SEVERAL,
                "examples: /mute bob   /mute bob #team 1h   /mute bob #team 30m calm down",
                "          /mute bob,carol #team 10m")
            .runs((command, context) -> member(GroupAction.MUTE, command, context)),
        member("unmute", GroupAction.UNMUTE, "let a muted USER post again"),
        member("transfer", GroupAction.TRANSFER, "make USER the owner (you become an admin)"),
        member("admin", GroupAction.ADMIN, "make USER an admin (owner only)"),
        member("deadmin", GroupAction.DEADMIN, "make an admin a plain member (owner only)"),
        SlashCommand.named("rename", "/rename TITLE", "change the current group's title")
            .arguments(1, SlashCommand.UNLIMITED)
            .help(
                "Only the title changes: the room id #name stays, because every message is",
                "signed with it. example: /rename Weekend plans")
            .runs(GroupCommands::rename),
        SlashCommand.named("disband", "/disband [ROOM]", "end a group you own, for everyone")
            .arguments(0, 1)
            .completes(ArgumentKind.ROOM)
            .help(
                "Removes every member and deletes the group's stored messages on the relay.",
                "Name the room to confirm: /disband #team")
            .runs(GroupCommands::disband));
  }

  /** The help's line on a list of users, for the commands that take one. */
  private static final String SEVERAL =
      "Several users go in one list without spaces (bob,carol), each asked in turn.";

  /**
   * A member action without a reason or time: a list of users where it {@linkplain EachUser takes
   * one}.
   */
  private static SlashCommand member(String name, GroupAction action, String summary) {
    boolean list = EachUser.takesList(action);
    return SlashCommand.named(
            name, "/" + name + (list ? " USER[,USER...]" : " USER") + " [ROOM]", summary)
        .arguments(1, 2)
        .completes(list ? ArgumentKind.USERS : ArgumentKind.USER, ArgumentKind.ROOM)
        .help(
            "ROOM defaults to the current one. Owners and admins may invite, kick, ban,",
            "unban, mute and unmute (admins never act on the owner or other admins); only",
            "the owner may transfer, admin and deadmin.",
            list ? SEVERAL : "It takes one user.",
            "examples: /"
                + name
                + " bob   /"
                + name
                + " bob #team"
                + (list ? "   /" + name + " bob,carol #team" : ""))
        .runs((command, context) -> member(action, command, context));
  }

  private static void create(Input.Command command, CommandContext context) {
    if (!command.arg(0).toLowerCase(Locale.ROOT).equals("create")) {
      throw new CommandException.Usage("usage: /group create NAME  (/help group)");
    }
    if (command.argCount() > 2) {
      throw new CommandException.Usage(
          "a group's name is one word (a-z 0-9 _ -, e.g. /group create rust-team); give it a title"
              + " with spaces once it is made: /rename TITLE");
    }
    String room = Arguments.room(command.argCount() == 2 ? command.arg(1) : command.rest(1));
    context.client().createGroup(room);
    context.switchTo(room);
    context.info(
        "created the group "
            + room
            + CommandWords.SLASH.lowerCased(command.arg(1), room)
            + ": you own it; /invite USER lets someone in");
  }

  private static void member(GroupAction action, Input.Command command, CommandContext context) {
    List<String> users;
    if (EachUser.takesList(action)) {
      users = EachUser.users(List.of(command.arg(0)));
    } else if (command.arg(0).contains(",")) {
      throw new CommandException.Usage("/" + command.name() + " takes one user at a time");
    } else {
      users = List.of(Arguments.username(command.arg(0)));
    }
    String typed = TerminalSafe.line(command.arg(0));
    boolean timed = action == GroupAction.BAN || action == GroupAction.MUTE;
    boolean takesReason = timed || action == GroupAction.KICK;
    String room;
    String reason = "";
    Duration length = null;
    boolean lifts = action == GroupAction.UNMUTE || action == GroupAction.UNBAN;
    if (lifts
        && command.argCount() > 1
        && BanText.isLength(command.arg(1))
        && !namesRoom(command.arg(1), context)) {
      // "/unmute bob 5m" would otherwise look for a group called #5m
      throw new CommandException.Usage(
          "/" + command.name() + " takes no time: /" + command.name() + " USER [ROOM]");
    }
    if (command.argCount() == 1) {
      room = currentRoom(context);
    } else if (timed && BanText.looksLikeLength(command.arg(1))) {
      // "/ban bob 2h spam": a time where the room would be cannot be a mistyped room name (a room
      // named like a time needs its #). A mistyped time ("1.5h") is refused, never taken for a
      // room or a reason.
      length = BanText.length(command.arg(1));
      if (command.argCount() > 2
          && (command.arg(2).startsWith("#") || namesRoom(command.arg(2), context))) {
        throw new CommandException.Usage(
            "name the room before the time: /"
                + command.name()
                + " "
                + typed
                + " "
                + TerminalSafe.line(Arguments.room(command.arg(2)))
                + " "
                + TerminalSafe.line(command.arg(1)));
      }
      room = currentRoom(context);
      reason = command.rest(2);
    } else if (!takesReason) {
      if (!namesRoom(command.arg(1), context)
          && EachUser.takesList(action)
          && Usernames.isValid(command.arg(1))) {
        // "/invite bob carol" would otherwise look for a group called #carol
        throw new CommandException.Usage(
            "'"
                + command.arg(1)
                + "' is no room you are in: list several users with commas, /"
                + command.name()
                + " "
                + typed
                + ","
                + command.arg(1));
      }
      room = Arguments.room(command.arg(1));
    } else if ((command.argCount() == 2 && command.arg(1).startsWith("#"))
        || namesRoom(command.arg(1), context)) {
      room = Arguments.room(command.arg(1));
      reason = command.rest(2);
      if (timed && command.argCount() > 2 && BanText.looksLikeLength(command.arg(2))) {
        length = BanText.length(command.arg(2));
        reason = command.rest(3);
      }
    } else {
      // Never the current room in its place: a mistyped room would remove USER from another one.
      throw new CommandException.Usage(
          "'"
              + TerminalSafe.line(command.arg(1))
              + "' is no room you are in: name the room before a reason (/"
              + command.name()
              + " "
              + typed
              + " #room "
              + TerminalSafe.line(command.rest(1))
              + ")");
    }
    Arguments.self(context);
    // Naming oneself is the relay's to refuse, after what comes first: #lobby is no group, and
    // only the owner may hand a group over.
    String why = reason;
    Duration time = length;
    ChatClient client = context.client();
    EachUser.apply(
        action,
        users,
        user -> {
          if (action == GroupAction.MUTE) {
            client.mute(room, user, why, time);
          } else if (time != null) {
            client.ban(room, user, why, time);
          } else {
            client.administer(room, action, user, why);
          }
        },
        new EachUser.Progress() {
          @Override
          public void done(String user) {
            if (!context.showsOwnEvents()) { // else the relay's event says it (SocialLines.group)
              context.info(doneLine(action, user, room, time));
            }
          }

          @Override
          public void refused(String user, CommandException refusal) {
            context.error(CommandWords.SLASH.said(refusal));
          }

          @Override
          public void stopped(List<String> notAsked) {
            context.error(EachUser.notAsked(action, notAsked));
          }
        });
  }

  /** What is said once the relay made {@code action} for {@code user}, ending at {@code length}. */
  private static String doneLine(GroupAction action, String user, String room, Duration length) {
    String name = TerminalSafe.line(user);
    if (length != null) {
      return (action == GroupAction.MUTE ? "muted " + name + " in " : "banned " + name + " from ")
          + room
          + " until "
          + BanText.when(Instant.now().plus(length));
    }
    return switch (action) {
      case INVITE -> "invited " + name + " to " + room + " (they join with /join " + room + ")";
      case KICK -> name + " is out of " + room;
      case BAN -> "banned " + name + " from " + room;
      case UNBAN -> "lifted the ban on " + name + " in " + room;
      case MUTE -> "muted " + name + " in " + room;
      case UNMUTE -> name + " may post in " + room + " again";
      case TRANSFER -> name + " owns " + room + " now; you are an admin";
      case ADMIN -> name + " is an admin of " + room + " now";
      case DEADMIN -> name + " is no longer an admin of " + room;
    };
  }

  /**
   * Whether {@code word}, after the user of a kick, ban or mute followed by more words, names the
   * room: with its {@code #}, or bare as a room this client lists.
   */
  private static boolean namesRoom(String word, CommandContext context) {
    return word.startsWith("#")
        || context.client().conversations().contains("#" + word.toLowerCase(Locale.ROOT));
  }

  /** Lists the group's bans, with how to lift one. */
  private static void bans(Input.Command command, CommandContext context) {
    String room = command.argCount() == 0 ? currentRoom(context) : Arguments.room(command.arg(0));
    List<BanView> bans = context.client().bans(room);
    BanText.table(room, bans, ZoneId.systemDefault()).forEach(context::info);
    if (!bans.isEmpty()) {
      context.info("/unban USER " + room + " lifts a ban");
    }
  }

  /** Declines ({@link chat.cli.client.ChatClient#decline}): the relay deletes the invitation. */
  private static void decline(Input.Command command, CommandContext context) {
    String room = Arguments.room(command.arg(0));
    try {
      context.client().decline(room);
    } catch (CommandException.MemberNotInvited e) {
      throw new CommandException.Usage(e.getMessage() + ": /leave " + e.room() + " leaves it");
    }
    context.info("declined the invitation to " + room);
  }

  private static void rename(Input.Command command, CommandContext context) {
    String room = currentRoom(context);
    String title = command.argText().strip();
    context.client().renameGroup(room, title);
    if (context.showsOwnEvents()) {
      return;
    }
    context.info(room + " is now titled " + TerminalSafe.quoted(title));
  }

  private static void disband(Input.Command command, CommandContext context) {
    ChatClient client = context.client();
    if (command.argCount() == 0) {
      String room = currentRoom(context);
      String self = Arguments.self(context);
      boolean group =
          client.rooms().stream().anyMatch(r -> r.conversation().equals(room) && r.group());
      if (!group) {
        throw new CommandException.Usage(
            room + " is a public room, not a group: nothing to disband");
      }
      boolean owner =
          client.members(room).stream()
              .anyMatch(m -> m.username().equalsIgnoreCase(self) && m.role() == MemberRole.OWNER);
      if (!owner) {
        throw new CommandException.Usage("only the owner of " + room + " can do that");
      }
      context.info(
          "this removes everyone from "
              + room
              + " and deletes its messages on the relay: type /disband "
              + room
              + " to confirm");
      return;
    }
    String room = Arguments.room(command.arg(0));
    client.disbandGroup(room);
    if (!context.showsOwnEvents()) {
      context.info("disbanded " + room); // else the relay's event says so
    }
    if (context.currentConversation().map(room::equals).orElse(false)) {
      NextConversation.after(client.conversations(), room).ifPresent(context::switchTo);
    }
  }

  private static String currentRoom(CommandContext context) {
    String current = Arguments.current(context);
    if (!ConversationIds.isRoom(current)) {
      throw new CommandException.Usage("not in a group: /switch to one, or name it (#ROOM)");
    }
    return current;
  }
}
