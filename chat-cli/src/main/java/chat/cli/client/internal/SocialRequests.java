package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.TerminalSafe;
import chat.cli.client.BanView;
import chat.cli.client.ChatClient;
import chat.cli.client.Deletion;
import chat.cli.client.FriendAction;
import chat.cli.client.FriendView;
import chat.cli.client.Friendship;
import chat.cli.client.GroupAction;
import chat.cli.client.InputRules;
import chat.protocol.BansReply;
import chat.protocol.DeleteMessagesRequest;
import chat.protocol.DeletedReply;
import chat.protocol.FriendUpdateReply;
import chat.protocol.FriendUpdateRequest;
import chat.protocol.FriendsReply;
import chat.protocol.GroupCreateRequest;
import chat.protocol.GroupDisbandRequest;
import chat.protocol.GroupMemberRequest;
import chat.protocol.GroupRenameRequest;
import chat.protocol.GroupReply;
import chat.protocol.GroupTitles;
import chat.protocol.JoinReply;
import chat.protocol.ListBansRequest;
import chat.protocol.ListFriendsRequest;
import chat.protocol.PresenceStatus;
import chat.protocol.Presences;
import chat.protocol.ProtocolVersions;
import chat.protocol.ReportRequest;
import chat.protocol.ReportedReply;
import chat.protocol.SetPresenceReply;
import chat.protocol.SetPresenceRequest;
import chat.protocol.Usernames;
import chat.protocol.VisibleText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The group, friend and presence operations of {@link RelayChatClient} (wire version 2). Each
 * checks its arguments before anything reaches the relay, and drops the cached member list of a
 * group it changed so that the next message is sealed to the new membership.
 */
final class SocialRequests {
  private final SessionManager sessions;

  SocialRequests(SessionManager sessions) {
    this.sessions = sessions;
  }

  /** The connection, if the relay speaks wire version 2. */
  private RelayConnection relay(Session session) {
    return session
        .connection()
        .requireVersion(
            ProtocolVersions.SOCIAL,
            sessions.options().server(),
            "it has no groups, friends or away status");
  }

  void createGroup(String name) {
    Session session = sessions.require();
    RelayConnection relay = relay(session);
    String room = RelayChatClient.roomId(name);
    long since = session.members.joining(room);
    JoinReply reply = relay.call(new GroupCreateRequest(relay.nextId(), room), JoinReply.class);
    // A new group, so this user was in no room of that name until now: what a room of that name
    // stored (its numbers go on in the group), since this user left it too, was never theirs.
    session.state.advance(reply.conversation(), reply.lastSeq());
    session.members.invalidate(reply.conversation());
    session.members.baseline(reply.conversation(), reply.members(), since);
    session.joinedHere(reply.conversation());
  }

  void administer(String room, GroupAction action, String username, String reason) {
    administer(room, action, username, reason, null);
  }

  /**
   * As {@link #administer(String, GroupAction, String, String)}; a ban or mute may end after {@code
   * length}.
   */
  void administer(
      String room, GroupAction action, String username, String reason, Duration length) {
    String why = checkedReason(action, reason);
    Integer minutes = checkedLength(action, length);
    Session session = sessions.require();
    RelayConnection relay = relay(session);
    String id = RelayChatClient.roomId(room);
    String target = InputRules.username(username);
    if (action == GroupAction.MUTE || action == GroupAction.UNMUTE) {
      relay.requireVersion(ProtocolVersions.MUTE, sessions.options().server(), "it cannot mute");
    }
    if (why != null && relay.version() < ProtocolVersions.MODERATION) {
      throw new CommandException.Usage(
          "the relay is older (wire version "
              + relay.version()
              + "): it cannot pass on a reason; "
              + action.name().toLowerCase(java.util.Locale.ROOT)
              + " without one");
    }
    if (minutes != null && relay.version() < ProtocolVersions.BAN_LIST) {
      throw new CommandException.Usage(
          "the relay is older (wire version "
              + relay.version()
              + "): it cannot end a ban by itself; ban without a time, and unban later");
    }
    relay.call(
        new GroupMemberRequest(relay.nextId(), id, wire(action), target, why, minutes),
        GroupReply.class);
    if (action == GroupAction.KICK || action == GroupAction.BAN) {
      // Known from the reply even if the relay keeps the event back: coming back needs a join.
      session.members.announced(id, target, false);
    }
    session.members.invalidate(id);
  }

  /** Every ban of the group, page by page. */
  List<BanView> bans(String room) {
    Session session = sessions.require();
    RelayConnection relay =
        relay(session)
            .requireVersion(
                ProtocolVersions.BAN_LIST, sessions.options().server(), "it cannot list bans");
    String id = RelayChatClient.roomId(room);
    return Pages.walk(
        after -> {
          BansReply reply =
              relay.call(new ListBansRequest(relay.nextId(), id, after), BansReply.class);
          if (!reply.room().equals(id)) {
            throw new CommandException.Network(
                "the relay answered with the bans of " + reply.room() + ", not " + id, null);
          }
          return new Pages.Page<>(
              reply.bans().stream()
                  .map(
                      ban ->
                          new BanView(
                              ban.username(),
                              ban.bannedBy(),
                              Instant.ofEpochMilli(ban.bannedAtMillis()),
                              ban.reason() == null ? "" : ban.reason(),
                              ban.untilMillis() == null
                                  ? null
                                  : Instant.ofEpochMilli(ban.untilMillis())))
                  .toList(),
              reply.next());
        },
        Pages.MAX_BANS,
        "bans");
  }

  /** {@link chat.cli.client.ChatClient#deleteMessages} in {@code conversation}, an id. */
  Deletion deleteMessages(String conversation, List<String> messageIds) {
    if (messageIds.isEmpty() || messageIds.size() > ChatClient.MAX_DELETE) {
      throw new CommandException.Usage(
          "name 1 to " + ChatClient.MAX_DELETE + " messages to delete");
    }
    List<String> ids = new ArrayList<>();
    for (String messageId : messageIds) {
      String lower = ChatClient.messageId(messageId);
      if (!ids.contains(lower)) {
        ids.add(lower);
      }
    }
    return delete(
        conversation, requestId -> DeleteMessagesRequest.messages(requestId, conversation, ids));
  }

  /** {@link chat.cli.client.ChatClient#deleteNewest} in {@code conversation}, an id. */
  Deletion deleteNewest(String conversation, String sender, int count) {
    if (count < 1 || count > ChatClient.MAX_DELETE) {
      throw new CommandException.Usage(
          "delete 1 to " + ChatClient.MAX_DELETE + " messages at a time");
    }
    if (!Usernames.isValid(sender)) {
      throw new CommandException.Usage("not a username: " + TerminalSafe.line(sender));
    }
    return delete(
        conversation,
        requestId -> DeleteMessagesRequest.newest(requestId, conversation, sender, count));
  }

  /**
   * Sends the deletion {@code request} builds from a request id (wire version 13); returns what the
   * relay deleted.
   */
  private Deletion delete(String conversation, Function<String, DeleteMessagesRequest> request) {
    Session session = sessions.require();
    RelayConnection relay =
        session
            .connection()
            .requireVersion(
                ProtocolVersions.DELETE, sessions.options().server(), "it cannot delete messages");
    DeleteMessagesRequest asked = request.apply(relay.nextId());
    DeletedReply reply = relay.call(asked, DeletedReply.class);
    boolean answers =
        reply.conversation().equals(conversation)
            && Usernames.isValid(reply.sender())
            && new HashSet<>(reply.messageIds()).size() == reply.messageIds().size()
            && (asked.messageIds() != null
                ? !reply.messageIds().isEmpty()
                    && asked.messageIds().containsAll(reply.messageIds())
                : Usernames.key(reply.sender()).equals(Usernames.key(asked.sender()))
                    && reply.messageIds().size() <= asked.count());
    if (!answers) {
      throw new CommandException.Network(
          "the relay's answer does not match the deletion asked for in " + conversation, null);
    }
    return new Deletion(conversation, session.username(), reply.sender(), reply.messageIds());
  }

  void rename(String room, String title) {
    String checked = checkedTitle(title);
    Session session = sessions.require();
    RelayConnection relay = relay(session);
    relay.call(
        new GroupRenameRequest(relay.nextId(), RelayChatClient.roomId(room), checked),
        GroupReply.class);
  }

  /**
   * {@code reason} without surrounding spaces, or null for none: else says what is wrong with it.
   */
  private static String checkedReason(GroupAction action, String reason) {
    String stripped = reason == null ? "" : reason.strip();
    if (stripped.isEmpty()) {
      return null;
    }
    if (!wire(action).takesReason()) {
      throw new CommandException.Usage("only a kick, a ban or a mute takes a reason");
    }
    return InputRules.requireReason(stripped);
  }

  /** {@link chat.cli.client.ChatClient#report}. */
  String report(String username, String conversation, String reason) {
    String why = InputRules.requireReason(reason);
    String target = InputRules.username(username);
    RelayConnection relay =
        sessions
            .require()
            .connection()
            .requireVersion(
                ProtocolVersions.REPORT,
                sessions.options().server(),
                "it takes no reports; tell its operator another way");
    try {
      String reported =
          relay
              .call(
                  new ReportRequest(relay.nextId(), target, conversation, why), ReportedReply.class)
              .username();
      if (!Usernames.isValid(reported) || !Usernames.key(reported).equals(Usernames.key(target))) {
        // shown to the reporter as the name reported: only the one asked about, in any case
        throw new CommandException.Network(
            "the relay answered the report on " + target + " with another name", null);
      }
      return reported;
    } catch (CommandException.NotMember e) {
      if (conversation == null) {
        throw e;
      }
      throw CommandException.NotMember.naming(conversation); // the relay says "this conversation"
    }
  }

  /** {@code length} in whole minutes, or null for none: else says what is wrong with it. */
  private static Integer checkedLength(GroupAction action, Duration length) {
    if (length == null) {
      return null;
    }
    if (!wire(action).takesMinutes()) {
      throw new CommandException.Usage("only a ban or a mute takes a time");
    }
    long minutes = length.toMinutes();
    if (minutes < 1
        || minutes > GroupMemberRequest.MAX_BAN_MINUTES
        || length.toSeconds() % 60 != 0) {
      throw new CommandException.Usage(
          "a "
              + action.name().toLowerCase(java.util.Locale.ROOT)
              + " lasts whole minutes, 1 minute to 365 days (e.g. 90m, 12h, 7d, 2w)");
    }
    return (int) minutes;
  }

  /** {@code title} without surrounding spaces, if it is a group title: else says what is wrong. */
  private static String checkedTitle(String title) {
    String stripped = title.strip();
    if (stripped.isEmpty()) {
      throw new CommandException.Usage("a title cannot be blank");
    }
    if (VisibleText.showsNothing(stripped)) {
      // Zero-width or combining characters only: "#team is now titled “”" for everyone.
      throw new CommandException.Usage("no title: the text shows nothing");
    }
    if (VisibleText.startsWithMark(stripped)) {
      throw new CommandException.Usage(
          "a title cannot start with a combining mark: it would sit on the character before it");
    }
    if (stripped.length() > GroupTitles.MAX_CHARS) {
      // counted as the relay counts, in UTF-16 units: say so, or an emoji title looks short enough
      throw new CommandException.Usage(
          "a title is at most "
              + GroupTitles.MAX_CHARS
              + " characters, and this one has "
              + stripped.length()
              + " (most emoji, and an accented letter typed apart, count as two or more)");
    }
    try {
      return GroupTitles.requireNew(stripped);
    } catch (IllegalArgumentException e) {
      throw new CommandException.Usage(
          "a title is 1-" + GroupTitles.MAX_CHARS + " characters without control characters");
    }
  }

  void disband(String room) {
    Session session = sessions.require();
    RelayConnection relay = relay(session);
    String id = RelayChatClient.roomId(room);
    relay.call(new GroupDisbandRequest(relay.nextId(), id), GroupReply.class);
    session.members.left(id);
    session.leftHere(id);
  }

  Friendship friend(FriendAction action, String username) {
    Session session = sessions.require();
    RelayConnection relay = relay(session);
    chat.protocol.FriendAction wire =
        switch (action) {
          case ADD -> chat.protocol.FriendAction.ADD;
          case ACCEPT -> chat.protocol.FriendAction.ACCEPT;
          case DECLINE -> chat.protocol.FriendAction.DECLINE;
          case REMOVE -> chat.protocol.FriendAction.REMOVE;
        };
    FriendUpdateReply reply =
        relay.call(
            new FriendUpdateRequest(relay.nextId(), InputRules.username(username), wire),
            FriendUpdateReply.class);
    session.requestsSaid.remove(Usernames.key(username)); // answered: a new one is new
    if (Usernames.key(reply.username()).equals(Usernames.key(username))) {
      session.contacts.learnSpelling(reply.username()); // as registered, for what is said of it
    }
    return Views.friendship(reply.state());
  }

  /**
   * Every friend and pending request, page by page (a wire version 6 relay pages the list in order
   * of usernames), ordered as {@code /friends} shows them: friends, requests sent, requests
   * received, each by lowercase username.
   */
  List<FriendView> friends() {
    Session session = sessions.require();
    RelayConnection relay = relay(session);
    List<FriendView> out =
        new ArrayList<>(
            Pages.walk(
                after -> {
                  FriendsReply reply =
                      relay.call(new ListFriendsRequest(relay.nextId(), after), FriendsReply.class);
                  return new Pages.Page<>(
                      reply.friends().stream().map(Views::friend).toList(), reply.next());
                },
                Pages.MAX_FRIENDS,
                "friends and requests"));
    out.sort(
        Comparator.comparing(FriendView::friendship)
            .thenComparing(friend -> friend.username().toLowerCase(Locale.ROOT)));
    session.presenceHeard.listed(out); // for the check after a reconnect
    return out;
  }

  void away(String message) {
    Session session = sessions.require();
    RelayConnection relay = relay(session);
    String text = message == null ? "" : message.strip();
    try {
      Presences.requireMessage(PresenceStatus.AWAY, text);
    } catch (IllegalArgumentException e) {
      throw new CommandException.Usage(
          "an away message is at most "
              + Presences.MAX_MESSAGE_CHARS
              + " characters without control characters");
    }
    relay.call(
        new SetPresenceRequest(relay.nextId(), PresenceStatus.AWAY, text.isEmpty() ? null : text),
        SetPresenceReply.class);
    session.away(text);
  }

  void back() {
    Session session = sessions.require();
    RelayConnection relay = relay(session);
    relay.call(
        new SetPresenceRequest(relay.nextId(), PresenceStatus.ONLINE, null),
        SetPresenceReply.class);
    session.away(null);
  }

  private static chat.protocol.GroupAction wire(GroupAction action) {
    return switch (action) {
      case INVITE -> chat.protocol.GroupAction.INVITE;
      case KICK -> chat.protocol.GroupAction.KICK;
      case BAN -> chat.protocol.GroupAction.BAN;
      case UNBAN -> chat.protocol.GroupAction.UNBAN;
      case MUTE -> chat.protocol.GroupAction.MUTE;
      case UNMUTE -> chat.protocol.GroupAction.UNMUTE;
      case TRANSFER -> chat.protocol.GroupAction.TRANSFER;
      case ADMIN -> chat.protocol.GroupAction.ADMIN;
      case DEADMIN -> chat.protocol.GroupAction.DEADMIN;
    };
  }
}
