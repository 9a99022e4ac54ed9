package chat.cli.client.internal;

import chat.cli.client.FriendUpdate;
import chat.cli.client.FriendView;
import chat.cli.client.Friendship;
import chat.cli.client.GroupUpdate;
import chat.cli.client.MemberRole;
import chat.cli.client.MemberView;
import chat.cli.client.Presence;
import chat.cli.client.RoomView;
import chat.cli.client.TrustState;
import chat.protocol.FriendChange;
import chat.protocol.FriendInfo;
import chat.protocol.FriendState;
import chat.protocol.GroupEvent;
import chat.protocol.MemberInfo;
import chat.protocol.PresenceStatus;
import chat.protocol.RoomInfo;
import java.time.Instant;

/** Turns wire records into the client API's views; the one place the two vocabularies meet. */
final class Views {
  private Views() {}

  /** The presence a wire status and optional away message describe. */
  static Presence presence(PresenceStatus status, String message) {
    return switch (status) {
      case ONLINE -> Presence.ONLINE;
      case OFFLINE -> Presence.OFFLINE;
      case AWAY -> Presence.away(message == null ? "" : message);
    };
  }

  /** A member with this client's trust in their key; a wire version 1 relay gives no detail. */
  static MemberView member(MemberInfo member, TrustState trust) {
    Presence presence =
        member.status() == null
            ? Presence.of(member.online())
            : presence(member.status(), member.message());
    MemberRole role =
        member.role() == null
            ? MemberRole.MEMBER
            : switch (member.role()) {
              case OWNER -> MemberRole.OWNER;
              case ADMIN -> MemberRole.ADMIN;
              case MEMBER -> MemberRole.MEMBER;
            };
    return new MemberView(
        member.username(),
        presence.isOnline(),
        trust,
        role,
        presence,
        Boolean.TRUE.equals(member.muted()),
        member.mutedUntilMillis() == null ? null : Instant.ofEpochMilli(member.mutedUntilMillis()));
  }

  /** A room; groups carry their title and whether this user is invited. */
  static RoomView room(RoomInfo room) {
    return new RoomView(
        room.room(),
        room.members(),
        room.joined(),
        Boolean.TRUE.equals(room.group()),
        room.title() == null ? "" : room.title(),
        Boolean.TRUE.equals(room.invited()));
  }

  /** Where this user stands with another. */
  static Friendship friendship(FriendState state) {
    return switch (state) {
      case FRIENDS -> Friendship.FRIENDS;
      case OUTGOING -> Friendship.REQUEST_SENT;
      case INCOMING -> Friendship.REQUEST_RECEIVED;
      case NONE -> Friendship.NONE;
    };
  }

  /** A listed friend or request. */
  static FriendView friend(FriendInfo info) {
    Presence presence =
        info.status() == null ? Presence.OFFLINE : presence(info.status(), info.message());
    return new FriendView(info.username(), friendship(info.state()), presence);
  }

  /** A friend event's meaning: the other user's change, or this user's own ({@code own}). */
  static FriendUpdate friendUpdate(FriendChange change, boolean own) {
    return switch (change) {
      case REQUESTED -> own ? FriendUpdate.OWN_REQUESTED : FriendUpdate.REQUESTED;
      case ACCEPTED -> own ? FriendUpdate.OWN_ACCEPTED : FriendUpdate.ACCEPTED;
      case DECLINED -> own ? FriendUpdate.OWN_DECLINED : FriendUpdate.DECLINED;
      case REMOVED -> own ? FriendUpdate.OWN_REMOVED : FriendUpdate.REMOVED;
    };
  }

  /** A group event as the listeners get it. */
  static GroupUpdate groupUpdate(GroupEvent event) {
    GroupUpdate.Kind kind =
        switch (event.change()) {
          case INVITED -> GroupUpdate.Kind.INVITED;
          case UNINVITED -> GroupUpdate.Kind.UNINVITED;
          case KICKED -> GroupUpdate.Kind.KICKED;
          case BANNED -> GroupUpdate.Kind.BANNED;
          case UNBANNED -> GroupUpdate.Kind.UNBANNED;
          case MUTED -> GroupUpdate.Kind.MUTED;
          case UNMUTED -> GroupUpdate.Kind.UNMUTED;
          case ADMIN -> GroupUpdate.Kind.ADMIN;
          case DEADMIN -> GroupUpdate.Kind.DEADMIN;
          case TRANSFERRED -> GroupUpdate.Kind.TRANSFERRED;
          case RENAMED -> GroupUpdate.Kind.RENAMED;
          case DISBANDED -> GroupUpdate.Kind.DISBANDED;
        };
    return new GroupUpdate(
        event.conversation(),
        event.actor(),
        kind,
        event.username() == null ? "" : event.username(),
        event.title() == null ? "" : event.title(),
        event.reason() == null ? "" : event.reason(),
        event.untilMillis() == null ? null : Instant.ofEpochMilli(event.untilMillis()));
  }
}
