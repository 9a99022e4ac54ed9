package chat.cli;

import chat.cli.client.BanView;
import chat.cli.client.ChatClient;
import chat.cli.client.GroupAction;
import chat.cli.client.InputRules;
import chat.cli.command.BanText;
import chat.cli.command.CommandWords;
import chat.cli.command.EachUser;
import chat.protocol.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code chat group
 * create|invite|decline|kick|ban|unban|bans|mute|unmute|transfer|admin|deadmin|rename|disband ...}:
 * groups (invite-only rooms with an owner and admins) from scripts. One subcommand per action, each
 * a method here; every one logs in, asks the relay, prints one line (or one JSON object; {@code
 * bans} a table, or a JSON object per ban; {@code invite} one for each user invited) and exits.
 */
@Command(
    name = "group",
    description = {
      "Groups: invite-only rooms with an owner and admins.",
      "The owner and admins invite, kick, ban, unban, mute and unmute (admins never act on the"
          + " owner or"
          + " other admins); only the owner transfers, names admins and disbands. Invited users"
          + " join with 'chat join ROOM'. A refusal prints the relay's reason (exit code 1)."
    })
final class GroupCommand {
  private final CliContext context;
  @Spec CommandSpec spec;

  GroupCommand(CliContext context) {
    this.context = context;
  }

  @Command(name = "create", description = "Create a group; you own it and are its first member.")
  int create(@Mixin RelayOptions relay, @Parameters(paramLabel = "NAME") String name) {
    return onRoom(
        relay,
        name,
        "create",
        "the group was created",
        ChatClient::createGroup,
        "created the group %s"
            + CommandWords.SCRIPT.lowerCased(name, RelayOptions.conversationArgument(name)));
  }

  /** The description of a member action's USER... parameter. */
  private static final String USERS =
      "whom it concerns, each in turn (at most " + EachUser.MAX_USERS + "; bob,carol is two)";

  @Command(
      name = "invite",
      description = {
        "Let each USER join ROOM (they run 'chat join ROOM'), in turn.",
        "A user who cannot be invited (no such user, already a member, banned) is said on stderr"
            + " and the next is asked; if any was, the command exits 1 after the last."
      })
  int invite(
      @Mixin RelayOptions relay,
      @Parameters(index = "0", paramLabel = "ROOM", description = "the group") String name,
      @Parameters(index = "1..*", arity = "1..*", paramLabel = "USER", description = USERS)
          List<String> typed) {
    return eachUser(
        relay,
        GroupAction.INVITE,
        name,
        typed,
        (client, room, user) -> client.administer(room, GroupAction.INVITE, user),
        (room, user) -> "invited " + user + " to " + room);
  }

  @Command(
      name = "decline",
      description = "Decline your invitation to ROOM: it is deleted and not shown again.")
  int decline(@Mixin RelayOptions relay, @Parameters(paramLabel = "ROOM") String name) {
    return onRoom(
        relay,
        name,
        "decline",
        "the invitation was declined",
        GroupCommand::declineInvitation,
        "declined the invitation to %s");
  }

  private static final String REASON =
      "Why, shown to USER and the members (at most 200 characters, one line; the relay must speak"
          + " wire version 10).";

  @Command(name = "kick", description = "Remove USER from ROOM, or withdraw their invitation.")
  int kick(
      @Mixin RelayOptions relay,
      @Parameters(index = "0", paramLabel = "ROOM", description = "the group") String room,
      @Parameters(index = "1..*", arity = "1..*", paramLabel = "USER", description = USERS)
          List<String> users,
      @Option(names = "--reason", paramLabel = "TEXT", description = REASON) String reason) {
    return member(relay, GroupAction.KICK, room, users, reason, "%2$s is out of %1$s");
  }

  @Command(name = "ban", description = "Remove USER from ROOM (if a member) and keep them out.")
  int ban(
      @Mixin RelayOptions relay,
      @Parameters(index = "0", paramLabel = "ROOM", description = "the group") String name,
      @Parameters(index = "1..*", arity = "1..*", paramLabel = "USER", description = USERS)
          List<String> users,
      @Option(names = "--reason", paramLabel = "TEXT", description = REASON) String reason,
      @Option(
              names = "--for",
              paramLabel = "TIME",
              description =
                  "End the ban by itself after TIME: whole minutes, hours, days or weeks, 1 minute"
                      + " to 365 days (90m, 12h, 7d, 2w; the relay must speak wire version 11).")
          String length) {
    Duration time = length == null ? null : BanText.length(length);
    if (time == null) {
      return member(relay, GroupAction.BAN, name, users, reason, "banned %2$s from %1$s");
    }
    return timed(
        relay,
        GroupAction.BAN,
        name,
        users,
        time,
        ChatClient::ban,
        reason,
        "banned %2$s from %1$s");
  }

  @Command(name = "unban", description = "Lift USER's ban from ROOM.")
  int unban(
      @Mixin RelayOptions relay,
      @Parameters(index = "0", paramLabel = "ROOM", description = "the group") String room,
      @Parameters(index = "1..*", arity = "1..*", paramLabel = "USER", description = USERS)
          List<String> users) {
    return member(relay, GroupAction.UNBAN, room, users, null, "lifted the ban on %2$s in %1$s");
  }

  @Command(
      name = "mute",
      description = "Let USER read ROOM but not post to it (the relay must speak wire version 12).")
  int mute(
      @Mixin RelayOptions relay,
      @Parameters(index = "0", paramLabel = "ROOM", description = "the group") String name,
      @Parameters(index = "1..*", arity = "1..*", paramLabel = "USER", description = USERS)
          List<String> users,
      @Option(names = "--reason", paramLabel = "TEXT", description = REASON) String reason,
      @Option(
              names = "--for",
              paramLabel = "TIME",
              description = "End the mute by itself after TIME (as for ban: 90m, 12h, 7d, 2w).")
          String length) {
    Duration time = length == null ? null : BanText.length(length);
    return timed(
        relay, GroupAction.MUTE, name, users, time, ChatClient::mute, reason, "muted %2$s in %1$s");
  }

  /** A ban or mute that ends after {@code time} (a mute: null for none). */
  @FunctionalInterface
  private interface Timed {
    void apply(ChatClient client, String room, String user, String reason, Duration time);
  }

  /**
   * {@link #eachUser} by {@code call} with the {@code reason} and {@code time}; each user's line is
   * {@code words} with the room and user, and the end by this machine's clock.
   */
  private int timed(
      RelayOptions relay,
      GroupAction action,
      String name,
      List<String> users,
      Duration time,
      Timed call,
      String reason,
      String words) {
    return eachUser(
        relay,
        action,
        name,
        users,
        (client, room, user) -> call.apply(client, room, user, reason == null ? "" : reason, time),
        (room, user) ->
            String.format(words, room, user)
                + (time == null ? "" : " until " + BanText.when(Instant.now().plus(time))));
  }

  @Command(name = "unmute", description = "Let USER post to ROOM again.")
  int unmute(
      @Mixin RelayOptions relay,
      @Parameters(index = "0", paramLabel = "ROOM", description = "the group") String room,
      @Parameters(index = "1..*", arity = "1..*", paramLabel = "USER", description = USERS)
          List<String> users) {
    return member(relay, GroupAction.UNMUTE, room, users, null, "%2$s may post in %1$s again");
  }

  @Command(
      name = "bans",
      description =
          "List who is banned from ROOM, by whom, when, until when and why (owner or admin; the"
              + " relay must speak wire version 11).")
  int bans(@Mixin RelayOptions relay, @Parameters(paramLabel = "ROOM") String name) {
    RelayCommandSupport support = new RelayCommandSupport(context, spec, relay);
    String room = RelayOptions.conversationArgument(name);
    try (ChatClient client = support.loggedIn(false)) {
      List<BanView> bans = client.bans(room);
      if (support.options().json()) {
        for (BanView ban : bans) {
          support
              .out()
              .println(
                  JsonLines.line(
                      JsonLines.object("ban")
                          .put("room", room)
                          .put("user", ban.username())
                          .put("bannedBy", ban.bannedBy())
                          .put("bannedAt", JsonLines.time(ban.bannedAt()))
                          .put("reason", ban.reason())
                          .put("until", ban.until() == null ? "" : JsonLines.time(ban.until()))));
        }
      } else if (bans.isEmpty()) {
        support.err().println("chat: no one is banned from " + room);
      } else {
        BanText.table(room, bans, ZoneId.systemDefault()).forEach(support.out()::println);
      }
      return 0;
    }
  }

  @Command(name = "transfer", description = "Make USER the owner of ROOM; you become an admin.")
  int transfer(
      @Mixin RelayOptions relay,
      @Parameters(index = "0", paramLabel = "ROOM", description = "the group") String room,
      @Parameters(index = "1", paramLabel = "USER", description = "the user it concerns")
          String user) {
    return member(relay, GroupAction.TRANSFER, room, List.of(user), null, "%2$s owns %1$s now");
  }

  @Command(name = "admin", description = "Make USER an admin of ROOM (owner only).")
  int admin(
      @Mixin RelayOptions relay,
      @Parameters(index = "0", paramLabel = "ROOM", description = "the group") String room,
      @Parameters(index = "1", paramLabel = "USER", description = "the user it concerns")
          String user) {
    return member(
        relay, GroupAction.ADMIN, room, List.of(user), null, "%2$s is an admin of %1$s now");
  }

  @Command(name = "deadmin", description = "Make USER a plain member of ROOM (owner only).")
  int deadmin(
      @Mixin RelayOptions relay,
      @Parameters(index = "0", paramLabel = "ROOM", description = "the group") String room,
      @Parameters(index = "1", paramLabel = "USER", description = "the user it concerns")
          String user) {
    return member(
        relay,
        GroupAction.DEADMIN,
        room,
        List.of(user),
        null,
        "%2$s is no longer an admin of %1$s");
  }

  @Command(
      name = "rename",
      description = "Change ROOM's display title; its id stays (messages are signed with it).")
  int rename(
      @Mixin RelayOptions relay,
      @Parameters(index = "0", paramLabel = "ROOM") String name,
      @Parameters(index = "1..*", arity = "1..*", paramLabel = "TITLE") List<String> words) {
    String title = String.join(" ", words);
    return change(
        relay,
        name,
        null,
        "rename",
        "the group was renamed",
        (client, room) -> client.renameGroup(room, title),
        room -> TerminalSafe.line(room) + " is now titled " + TerminalSafe.quoted(title.strip()));
  }

  @Command(
      name = "disband",
      description = "End ROOM for everyone: members removed, stored messages deleted (owner only).")
  int disband(@Mixin RelayOptions relay, @Parameters(paramLabel = "ROOM") String name) {
    return onRoom(
        relay,
        name,
        "disband",
        "the group was disbanded",
        ChatClient::disbandGroup,
        "disbanded %s");
  }

  /** {@link #change} of the group {@code name} alone; its line is {@code words} with the room. */
  private int onRoom(
      RelayOptions relay,
      String name,
      String action,
      String done,
      BiConsumer<ChatClient, String> call,
      String words) {
    return change(
        relay,
        name,
        null,
        action,
        done,
        call,
        room -> String.format(words, TerminalSafe.line(room)));
  }

  /** Declines; refused for a member with how a script leaves the room instead. */
  private static void declineInvitation(ChatClient client, String room) {
    try {
      client.decline(room);
    } catch (CommandException.MemberNotInvited e) {
      // "chat leave #team" would be a shell comment: the name without its '#'
      throw new CommandException.Usage(
          e.getMessage() + ": chat leave " + e.room().substring(1) + " leaves it");
    }
  }

  /** {@link #eachUser} with the {@code reason}; each user's line is {@code words}. */
  private int member(
      RelayOptions relay,
      GroupAction action,
      String name,
      List<String> users,
      String reason,
      String words) {
    return eachUser(
        relay,
        action,
        name,
        users,
        (client, room, user) -> client.administer(room, action, user, reason == null ? "" : reason),
        (room, user) -> String.format(words, room, user));
  }

  /** One request of a member action. */
  @FunctionalInterface
  private interface OnUser {
    void apply(ChatClient client, String room, String user);
  }

  /** The line said once a member action is made: of the room and the user, both valid names. */
  @FunctionalInterface
  private interface Done {
    String line(String room, String user);
  }

  /**
   * {@code action} on the group {@code name} for each user {@code typed} in turn ({@link
   * EachUser}), logged in once: a line (or a JSON object) for each user as the relay makes the
   * change. A refusal that concerns one user is said on stderr (with {@code --json} also as a
   * {@code group_refused} object) and the next is asked; one of the request stops there.
   */
  private int eachUser(
      RelayOptions relay,
      GroupAction action,
      String name,
      List<String> typed,
      OnUser call,
      Done text) {
    String kind = action.name().toLowerCase(Locale.ROOT);
    if (!EachUser.takesList(action) && typed.get(0).contains(",")) {
      throw new CommandException.Usage("chat group " + kind + " takes one user at a time");
    }
    List<String> users =
        EachUser.takesList(action)
            ? EachUser.users(typed)
            : List.of(InputRules.username(typed.get(0)));
    RelayCommandSupport support = new RelayCommandSupport(context, spec, relay);
    String room = RelayOptions.conversationArgument(name);
    support.change(
        support.loggedIn(false),
        "the relay made the change",
        client -> {
          EachUser.apply(
              action,
              users,
              user -> call.apply(client, room, user),
              new EachUser.Progress() {
                @Override
                public void done(String user) {
                  // as registered, once the relay's event named them (the user as typed, if not)
                  print(support, kind, room, user, text.line(room, client.spelling(user)));
                  support.out().flush();
                }

                @Override
                public void refused(String user, CommandException refusal) {
                  if (support.options().json()) {
                    ErrorCode code = EachUser.code(refusal);
                    support
                        .out()
                        .println(
                            JsonLines.line(
                                JsonLines.object("group_refused")
                                    .put("action", kind)
                                    .put("room", room)
                                    .put("user", user)
                                    .put("code", code == null ? "" : code.name())
                                    .put("message", refusal.getMessage())));
                    support.out().flush();
                  }
                  support
                      .err()
                      .println("chat: " + TerminalSafe.line(CommandWords.SCRIPT.said(refusal)));
                  support.err().flush();
                }

                @Override
                public void stopped(List<String> notAsked) {
                  support.err().println("chat: " + EachUser.notAsked(action, notAsked));
                  support.err().flush();
                }
              });
          return null;
        });
    return 0;
  }

  /**
   * A change to the group {@code name} (concerning {@code user}, or null): {@code call} asks the
   * relay ({@code done} is what the warning says was made if the state cannot be saved afterwards),
   * then one line, {@code text} of the room, or one JSON object naming {@code action}.
   */
  private int change(
      RelayOptions relay,
      String name,
      String user,
      String action,
      String done,
      BiConsumer<ChatClient, String> call,
      Function<String, String> text) {
    RelayCommandSupport support = new RelayCommandSupport(context, spec, relay);
    String room = RelayOptions.conversationArgument(name);
    support.change(
        support.loggedIn(false),
        done,
        client -> {
          call.accept(client, room);
          return null;
        });
    print(support, action, room, user, text.apply(room));
    return 0;
  }

  private static void print(
      RelayCommandSupport support, String action, String room, String user, String text) {
    if (support.options().json()) {
      var node = JsonLines.object("group").put("action", action).put("room", room);
      if (user != null) {
        node.put("user", user);
      }
      support.out().println(JsonLines.line(node));
    } else {
      support.out().println(text);
    }
  }
}
