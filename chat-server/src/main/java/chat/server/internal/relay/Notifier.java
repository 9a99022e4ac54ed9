package chat.server.internal.relay;

import chat.crypto.Bytes;
import chat.protocol.DeletedEvent;
import chat.protocol.Event;
import chat.protocol.FriendChange;
import chat.protocol.FriendEvent;
import chat.protocol.GroupChange;
import chat.protocol.GroupEvent;
import chat.protocol.KeyChangeEvent;
import chat.protocol.MembershipChange;
import chat.protocol.MembershipEvent;
import chat.protocol.PresenceEvent;
import chat.protocol.PresenceStatus;
import chat.protocol.ProtocolVersions;
import chat.server.internal.storage.FriendshipRepository;
import chat.server.internal.storage.MemberRepository;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Pushes membership, presence, key-change, friend and group events to the online users they
 * concern, each connection in the form its wire version understands (see {@link WireCompat}).
 */
public final class Notifier {
  /** The lowest wire version: an event every connection hears. */
  private static final int EVERY_VERSION = 1;

  private final Storage storage;
  private final MemberRepository members;
  private final Router router;
  private final FriendshipRepository friends;
  private final PresenceBook presence;
  private final int presenceMaxRoomMembers;

  /**
   * A notifier that also tells friends, and clears away states as users come and go. Presence goes
   * to friends and to the members of conversations of at most {@code presenceMaxRoomMembers}
   * members (0: of any size); see {@link #presence}.
   */
  public Notifier(
      Storage storage,
      MemberRepository members,
      Router router,
      FriendshipRepository friends,
      PresenceBook presence,
      int presenceMaxRoomMembers) {
    if (presenceMaxRoomMembers < 0) {
      throw new IllegalArgumentException("presenceMaxRoomMembers must be 0 (no limit) or more");
    }
    this.storage = storage;
    this.members = members;
    this.router = router;
    this.friends = friends;
    this.presence = presence;
    this.presenceMaxRoomMembers = presenceMaxRoomMembers;
  }

  /** Tells every member of {@code conversation} (and {@code username}) about a change. */
  public void membership(
      String conversation, String userKey, String username, MembershipChange change) {
    Event event = new MembershipEvent(conversation, username, change);
    for (String member : storage.read(c -> members.keys(c, conversation))) {
      pushTo(member, event);
    }
    if (change == MembershipChange.LEFT) {
      pushTo(userKey, event);
    }
  }

  /**
   * Tells the other connections of {@code userKey} that speak wire version 7 or newer that they
   * closed ({@link MembershipChange#LEFT}) or opened ({@link MembershipChange#JOINED}) direct
   * conversation {@code conversation} on {@code origin}, which hears only its reply. The other
   * party hears nothing: their copy is unchanged. An older connection cannot tell this from the
   * other party's leave; it sees the change at its next login.
   */
  public void direct(
      String conversation,
      String userKey,
      String username,
      MembershipChange change,
      ClientConnection origin) {
    toOtherConnections(
        userKey,
        origin,
        new MembershipEvent(conversation, username, change),
        ProtocolVersions.CLOSE_DIRECT);
  }

  /**
   * Tells the other connections of {@code userKey} that they created group {@code room} on {@code
   * origin}, which hears only its reply: {@code event.membership} {@code joined} naming them, as a
   * join tells every connection of the joiner, so that their other devices list the group at once.
   * Nobody else is in it yet. Every wire version hears it: to a version 1 connection the group is a
   * room it is in.
   */
  public void created(String room, String userKey, String username, ClientConnection origin) {
    toOtherConnections(
        userKey,
        origin,
        new MembershipEvent(room, username, MembershipChange.JOINED),
        EVERY_VERSION);
  }

  /**
   * Tells the user's friends, and everyone who shares a conversation of at most the presence limit
   * of members with them, that they came online or left; either way an away state ends. Larger
   * rooms do not carry presence: every log-in would otherwise notify every member, and a room of
   * 10,000 coming back after a restart would be 50 million events. Their member lists still say who
   * is online when they are fetched.
   */
  public void presence(String userKey, String username, PresenceStatus status) {
    presence.clear(userKey);
    Event event = new PresenceEvent(username, status);
    for (String peer : audience(userKey, presenceMaxRoomMembers)) {
      pushTo(peer, event);
    }
  }

  /**
   * Whether {@code viewerKey} may see {@code userKey}'s presence in a member list: their own, a
   * friend's, or that of someone they share a conversation with (of any size: a large room's list
   * shows who is online, though it carries no live presence). Not that of a stranger whose private
   * conversation with them was never started, which anyone could list.
   */
  public boolean seesPresence(String viewerKey, String userKey) {
    return viewerKey.equals(userKey)
        || storage.read(
            c -> friends.exists(c, viewerKey, userKey) || members.share(c, viewerKey, userKey));
  }

  /**
   * Tells peers and friends that the user went away ({@code message} may be null) or came back
   * ({@link PresenceStatus#ONLINE}), and the user's own connections but {@code origin}, which said
   * it, from {@link ProtocolVersions#OWN_AWAY}: away is the user's, on every device; version 1
   * connections hear none of it.
   */
  public void away(
      String userKey,
      String username,
      PresenceStatus status,
      String message,
      ClientConnection origin) {
    PresenceEvent event = new PresenceEvent(username, status, message);
    for (String peer : audience(userKey, presenceMaxRoomMembers)) {
      for (ClientConnection connection : router.connections(peer)) {
        if (connection.state().version() >= ProtocolVersions.SOCIAL) {
          connection.push(event);
        }
      }
    }
    toOtherConnections(userKey, origin, event, ProtocolVersions.OWN_AWAY);
  }

  /**
   * Tells everyone who shares a conversation with the user about their new bundle, and the user's
   * own connections: a device that did not make the change warns its user (someone who learned the
   * password may have), and the one that made it already holds the key.
   */
  public void keyChange(String userKey, String username, Bytes bundle) {
    KeyChangeEvent event = new KeyChangeEvent(username, bundle);
    toPeers(userKey, event);
    pushTo(userKey, event);
  }

  /** Tells {@code userKey} about a friend request, answer or removal by {@code username}. */
  public void friend(String userKey, String username, FriendChange change) {
    pushTo(userKey, new FriendEvent(username, change));
  }

  /**
   * Tells the other connections of {@code userKey} of wire version 14 or later about the user's own
   * friend request, answer or removal about {@code username}, made on {@code origin}, which hears
   * only its reply: their friends lists are the user's, on every device.
   */
  public void ownFriend(
      String userKey, String username, FriendChange change, ClientConnection origin) {
    toOtherConnections(
        userKey, origin, new FriendEvent(username, change, true), ProtocolVersions.OWN_FRIENDS);
  }

  /**
   * Tells {@code recipients} (user keys) about a group change.
   *
   * @param removedMember for a kick or ban, whether the target was a member
   */
  public void group(GroupEvent event, Collection<String> recipients, boolean removedMember) {
    for (String recipient : new LinkedHashSet<>(recipients)) {
      for (ClientConnection connection : router.connections(recipient)) {
        send(connection, event, removedMember);
      }
    }
  }

  /**
   * Tells {@code recipients} (user keys: a conversation's members) that messages were deleted; a
   * connection older than wire version 13 is not told ({@link WireCompat}).
   */
  public void deleted(DeletedEvent event, Collection<String> recipients) {
    for (String recipient : new LinkedHashSet<>(recipients)) {
      for (ClientConnection connection : router.connections(recipient)) {
        send(connection, event, false);
      }
    }
  }

  /**
   * Tells the members of group {@code room} and the invitee's other connections that {@code
   * username} declined their invitation: {@code uninvited} naming them as both actor and target,
   * which is how a version 2 or newer client tells a decline from a withdrawal. The declining
   * connection hears only its {@code leave_ok}.
   */
  public void declined(String room, String userKey, String username, ClientConnection declining) {
    GroupEvent event = new GroupEvent(room, username, GroupChange.UNINVITED, username, null);
    Set<String> recipients = new LinkedHashSet<>(storage.read(c -> members.keys(c, room)));
    recipients.add(userKey);
    for (String recipient : recipients) {
      for (ClientConnection connection : router.connections(recipient)) {
        if (connection != declining) {
          send(connection, event, false);
        }
      }
    }
  }

  /** Pushes {@code event} to one connection only (events at login). */
  public void to(ClientConnection connection, Event event) {
    send(connection, event, false);
  }

  private void toPeers(String userKey, Event event) {
    for (String peer : audience(userKey, 0)) {
      pushTo(peer, event);
    }
  }

  /**
   * The user's friends and everyone who shares a conversation of at most {@code maxRoomMembers}
   * members (0: of any size) with them, without the user.
   */
  private Set<String> audience(String userKey, int maxRoomMembers) {
    Set<String> out =
        new LinkedHashSet<>(storage.read(c -> members.peers(c, userKey, maxRoomMembers)));
    out.addAll(storage.read(c -> friends.friends(c, userKey)).keySet());
    out.remove(userKey);
    return out;
  }

  /**
   * Pushes {@code event} to the connections of {@code userKey} but {@code origin} from a version.
   */
  private void toOtherConnections(
      String userKey, ClientConnection origin, Event event, int minVersion) {
    for (ClientConnection connection : router.connections(userKey)) {
      if (connection != origin && connection.state().version() >= minVersion) {
        send(connection, event, false);
      }
    }
  }

  private void pushTo(String userKey, Event event) {
    for (ClientConnection connection : router.connections(userKey)) {
      send(connection, event, false);
    }
  }

  private static void send(ClientConnection connection, Event event, boolean removedMember) {
    String recipient = connection.state().username().orElse("");
    Optional<Event> compatible =
        recipient.isEmpty()
            ? Optional.empty()
            : WireCompat.forVersion(event, connection.state().version(), recipient, removedMember);
    compatible.ifPresent(connection::push);
  }
}
