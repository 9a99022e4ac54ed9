package chat.cli.client;

import chat.cli.CommandException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The group, friend and presence state behind {@link FakeChatClient}: roles live in its member
 * lists, friends in {@link #friends}, titles in {@link #titles}. No rules beyond what front-end
 * tests need; a test makes the relay refuse with {@link FakeChatClient#failNext}.
 */
final class FakeSocial {
  /** Username to where this user stands with them. */
  final Map<String, Friendship> friends = new TreeMap<>();

  /** Username to their presence, for {@link #friendViews}. */
  final Map<String, Presence> presence = new TreeMap<>();

  /** Group room id to its title. */
  final Map<String, String> titles = new TreeMap<>();

  /** This user's away message, or null when not away. */
  volatile String away;

  /** {@code list} with {@code username}'s entry changed by {@code change}. */
  static List<MemberView> replace(
      List<MemberView> list, String username, java.util.function.UnaryOperator<MemberView> change) {
    List<MemberView> out = new ArrayList<>();
    for (MemberView member : list) {
      out.add(member.username().equals(username) ? change.apply(member) : member);
    }
    return out;
  }

  /** Applies a member action to the member list of a group. */
  static List<MemberView> administer(List<MemberView> list, GroupAction action, String user) {
    return switch (action) {
      case KICK, BAN -> list.stream().filter(m -> !m.username().equals(user)).toList();
      case ADMIN -> replace(list, user, m -> withRole(m, MemberRole.ADMIN));
      case DEADMIN -> replace(list, user, m -> withRole(m, MemberRole.MEMBER));
      case TRANSFER ->
          list.stream()
              .map(
                  m ->
                      m.username().equals(user)
                          ? withRole(m, MemberRole.OWNER)
                          : m.role() == MemberRole.OWNER ? withRole(m, MemberRole.ADMIN) : m)
              .toList();
      case INVITE, UNBAN, MUTE, UNMUTE -> list;
    };
  }

  static MemberView withRole(MemberView member, MemberRole role) {
    return new MemberView(
        member.username(), member.online(), member.trust(), role, member.presence());
  }

  /** The outcome of a friend action, from the state before it. */
  Friendship friend(FriendAction action, String username) {
    Friendship before = friends.getOrDefault(username, Friendship.NONE);
    Friendship after =
        switch (action) {
          case ADD ->
              before == Friendship.REQUEST_RECEIVED ? Friendship.FRIENDS : Friendship.REQUEST_SENT;
          case ACCEPT -> {
            if (before != Friendship.REQUEST_RECEIVED) {
              throw new CommandException.Usage("no friend request from " + username);
            }
            yield Friendship.FRIENDS;
          }
          case DECLINE, REMOVE -> Friendship.NONE;
        };
    if (after == Friendship.NONE) {
      friends.remove(username);
    } else {
      friends.put(username, after);
    }
    return after;
  }

  List<FriendView> friendViews() {
    List<FriendView> out = new ArrayList<>();
    friends.forEach(
        (name, friendship) ->
            out.add(
                new FriendView(
                    name,
                    friendship,
                    friendship == Friendship.FRIENDS
                        ? presence.getOrDefault(name, Presence.OFFLINE)
                        : Presence.OFFLINE)));
    return out;
  }

  /** Updates the member lists after a group change by someone else. */
  static void apply(Map<String, List<MemberView>> members, GroupUpdate update) {
    List<MemberView> list = members.get(update.conversation());
    if (list == null) {
      return;
    }
    if (update.kind() == GroupUpdate.Kind.DISBANDED) {
      members.remove(update.conversation());
      return;
    }
    if (update.changesMute()) {
      boolean muted = update.kind() == GroupUpdate.Kind.MUTED;
      members.put(
          update.conversation(),
          new ArrayList<>(
              replace(
                  list,
                  update.target(),
                  m ->
                      new MemberView(
                          m.username(),
                          m.online(),
                          m.trust(),
                          m.role(),
                          m.presence(),
                          muted,
                          muted ? update.until() : null))));
      return;
    }
    GroupAction action =
        switch (update.kind()) {
          case KICKED -> GroupAction.KICK;
          case BANNED -> GroupAction.BAN;
          case ADMIN -> GroupAction.ADMIN;
          case DEADMIN -> GroupAction.DEADMIN;
          case TRANSFERRED -> GroupAction.TRANSFER;
          default -> GroupAction.INVITE;
        };
    members.put(update.conversation(), new ArrayList<>(administer(list, action, update.target())));
  }
}
