package chat.server.internal.relay;

import chat.protocol.DeletedEvent;
import chat.protocol.Event;
import chat.protocol.FriendEvent;
import chat.protocol.GroupChange;
import chat.protocol.GroupEvent;
import chat.protocol.MembershipChange;
import chat.protocol.MembershipEvent;
import chat.protocol.PresenceEvent;
import chat.protocol.PresenceStatus;
import chat.protocol.ProtocolVersions;
import java.util.Optional;

/**
 * What a connection that speaks an older wire version gets instead of a newer event: a version 1
 * client cannot parse friend or group events or the away status, and its strict decoder would drop
 * the connection on them. Removals from a group become the {@code left} membership event it knows;
 * everything else new is left out. A client older than version 10 gets a kick or ban without its
 * reason, one older than version 11 a ban without its end, one older than version 12 no mutes at
 * all (it would refuse their changes; a muted member's send is refused all the same), one older
 * than version 13 no deletions (its history no longer holds what was deleted), and one older than
 * version 14 no friend change of its own user's.
 */
final class WireCompat {
  private WireCompat() {}

  /**
   * {@code event} as a connection speaking {@code version} may receive it, or empty.
   *
   * @param recipient the recipient's registered username (a disband tells each one they left)
   * @param removedMember for a kick or ban, whether the target was a member (only then do version 1
   *     clients hear that they left)
   */
  static Optional<Event> forVersion(
      Event event, int version, String recipient, boolean removedMember) {
    if (version >= ProtocolVersions.OWN_FRIENDS) {
      return Optional.of(event);
    }
    if (event instanceof FriendEvent friend && friend.ownChange()) {
      return Optional.empty(); // an older client would read it as the other user's change
    }
    if (version >= ProtocolVersions.DELETE) {
      return Optional.of(event);
    }
    if (event instanceof DeletedEvent) {
      return Optional.empty();
    }
    if (version >= ProtocolVersions.MUTE) {
      return Optional.of(event);
    }
    if (event instanceof GroupEvent group
        && (group.change() == GroupChange.MUTED || group.change() == GroupChange.UNMUTED)) {
      return Optional.empty();
    }
    if (version >= ProtocolVersions.BAN_LIST) {
      return Optional.of(event);
    }
    if (version >= ProtocolVersions.MODERATION) {
      // The end of a timed ban is version 11's: an older decoder refuses unknown fields.
      return Optional.of(event instanceof GroupEvent group ? group.withoutUntil() : event);
    }
    if (version >= ProtocolVersions.SOCIAL) {
      // The reason of a kick or ban is version 10's: an older decoder refuses unknown fields.
      return Optional.of(event instanceof GroupEvent group ? group.withoutReason() : event);
    }
    if (event instanceof PresenceEvent presence) {
      return presence.status() == PresenceStatus.AWAY || presence.message() != null
          ? Optional.empty()
          : Optional.of(presence);
    }
    if (event instanceof FriendEvent) {
      return Optional.empty();
    }
    if (event instanceof GroupEvent group) {
      return switch (group.change()) {
        case KICKED, BANNED ->
            !removedMember
                ? Optional.empty()
                : Optional.of(
                    new MembershipEvent(
                        group.conversation(), group.username(), MembershipChange.LEFT));
        case DISBANDED ->
            Optional.of(
                new MembershipEvent(group.conversation(), recipient, MembershipChange.LEFT));
        default -> Optional.empty();
      };
    }
    return Optional.of(event);
  }
}
