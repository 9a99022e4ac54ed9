package chat.server.internal.cli;

import chat.server.RelayConfig;
import chat.server.RoomLimits;
import picocli.CommandLine.Option;

/**
 * The relay's options that bound what one user can make grow: rooms, their members and invitations
 * ({@link RoomLimits}), and friendships ({@link RelayConfig#maxFriends()}).
 */
final class RoomLimitOptions {
  @Option(
      names = "--max-rooms-per-user",
      paramLabel = "N",
      defaultValue = "" + RoomLimits.DEFAULT_MAX_ROOMS_PER_USER,
      description =
          "Rooms and groups one user may create (a room counts while it has members), 1 to"
              + " 100000 (default: ${DEFAULT-VALUE}).")
  int maxRoomsPerUser;

  @Option(
      names = "--max-room-members",
      paramLabel = "N",
      defaultValue = "" + RoomLimits.DEFAULT_MAX_ROOM_MEMBERS,
      description =
          "Members one room or group may have, #lobby included, 2 to --max-frame-bytes / 64"
              + " (default: ${DEFAULT-VALUE}).")
  int maxRoomMembers;

  @Option(
      names = "--max-invitations-per-user",
      paramLabel = "N",
      defaultValue = "" + RoomLimits.DEFAULT_MAX_INVITATIONS_PER_USER,
      description =
          "Group invitations one user may hold unanswered; more are refused to the inviter, 1 to"
              + " 100000 (default: ${DEFAULT-VALUE}).")
  int maxInvitationsPerUser;

  @Option(
      names = "--max-friends",
      paramLabel = "N",
      defaultValue = "" + RelayConfig.DEFAULT_MAX_FRIENDS,
      description =
          "Friends one user may have; a request or an acceptance past it is refused to whoever"
              + " sends it, 1 to 100000 (default: ${DEFAULT-VALUE}).")
  int maxFriends;

  /** The limits, checked. */
  RoomLimits limits() {
    return new RoomLimits(maxRoomsPerUser, maxRoomMembers, maxInvitationsPerUser);
  }
}
