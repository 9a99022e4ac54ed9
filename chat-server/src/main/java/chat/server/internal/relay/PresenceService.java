package chat.server.internal.relay;

import chat.protocol.FriendChange;
import chat.protocol.FriendEvent;
import chat.protocol.GroupChange;
import chat.protocol.GroupEvent;
import chat.protocol.PresenceEvent;
import chat.protocol.PresenceStatus;
import chat.protocol.ProtocolVersions;
import chat.protocol.SetPresenceReply;
import chat.protocol.SetPresenceRequest;
import chat.server.internal.audit.AuditLog;
import chat.server.internal.storage.GroupMuteRepository;
import chat.server.internal.storage.GroupTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Away and back, and what a user missed while offline: after a login or resume on a wire version 2
 * connection, each pending friend request and group invitation is pushed to that connection as an
 * event.
 */
public final class PresenceService {
  private static final Logger LOG = LoggerFactory.getLogger(PresenceService.class);

  /** Presence changes one account may make a second, over all its connections. */
  static final int CHANGES_PER_SECOND = 1;

  /** Presence changes one account may make at once. */
  static final int CHANGE_BURST = 10;

  private final Storage storage;
  private final PresenceBook presence;
  private final MessageRate changes;
  private final Notifier notifier;
  private final FriendService friends;
  private final GroupTables groups;

  /** The service over its collaborators. */
  public PresenceService(
      Storage storage,
      PresenceBook presence,
      Notifier notifier,
      FriendService friends,
      GroupTables groups,
      AuditLog audit) {
    this.changes =
        new MessageRate(
            CHANGES_PER_SECOND,
            CHANGE_BURST,
            System::nanoTime,
            audit,
            "presence changes",
            "presence not changed: this relay takes "
                + CHANGES_PER_SECOND
                + " change a second from one account ("
                + CHANGE_BURST
                + " at once); try again in a moment");
    this.storage = storage;
    this.presence = presence;
    this.notifier = notifier;
    this.friends = friends;
    this.groups = groups;
  }

  /**
   * Marks the caller away (with an optional message) or back, and tells peers and friends. What
   * changes nothing (back while not away, away with the message in force) tells no one; a change
   * takes one of the account's {@link #CHANGES_PER_SECOND} ({@link #CHANGE_BURST} at once), else
   * {@code RATE_LIMITED}: each is pushed to every peer and friend.
   */
  public SetPresenceReply set(ClientConnection connection, SetPresenceRequest request) {
    String key = connection.state().requireUserKey();
    String username = connection.state().requireUsername();
    boolean away = presence.status(key, true) == PresenceStatus.AWAY;
    if (request.status() == PresenceStatus.AWAY) {
      String message = request.message() == null ? "" : request.message();
      if (!away || !presence.message(key).orElse("").equals(message)) {
        changes.take(connection, key, username);
        presence.away(key, request.message());
        notifier.away(key, username, PresenceStatus.AWAY, request.message(), connection);
      }
    } else if (away) {
      changes.take(connection, key, username);
      if (presence.back(key)) {
        notifier.away(key, username, PresenceStatus.ONLINE, null, connection);
      }
    }
    return new SetPresenceReply(request.id());
  }

  /**
   * Pushes pending friend requests and invitations to a connection that just logged in. Never
   * throws: the login was already answered, and a second reply to it would break the protocol.
   */
  public void loggedIn(ClientConnection connection) {
    if (connection.state().version() < ProtocolVersions.SOCIAL) {
      return;
    }
    try {
      pushPending(connection);
    } catch (RuntimeException e) {
      LOG.warn("pending requests not pushed on {}", connection.logId(), e);
    }
  }

  private void pushPending(ClientConnection connection) {
    String key = connection.state().userKey().orElse(null);
    String username = connection.state().username().orElse(null);
    if (key == null || username == null) {
      return;
    }
    if (connection.state().version() >= ProtocolVersions.OWN_AWAY
        && presence.status(key, true) == PresenceStatus.AWAY) {
      // Said on another connection of this user, which is still open: this one is away too.
      notifier.to(
          connection,
          new PresenceEvent(username, PresenceStatus.AWAY, presence.message(key).orElse(null)));
    }
    for (String from : friends.pendingRequestsTo(key)) {
      notifier.to(connection, new FriendEvent(from, FriendChange.REQUESTED));
    }
    storage
        .read(c -> groups.invites().invitationsOf(c, key))
        .forEach(
            (room, invitedBy) ->
                notifier.to(
                    connection,
                    new GroupEvent(room, invitedBy, GroupChange.INVITED, username, null)));
    if (connection.state().version() >= ProtocolVersions.MUTE) {
      // Muted while away, or before: told again at every login, as an invitation is.
      for (GroupMuteRepository.Held mute : storage.read(c -> groups.mutes().heldBy(c, key))) {
        notifier.to(
            connection,
            GroupRules.muted(
                mute.conversation(), username, mute.mutedBy(), mute.reason(), mute.until()));
      }
    }
  }
}
