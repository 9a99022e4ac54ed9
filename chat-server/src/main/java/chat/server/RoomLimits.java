package chat.server;

/**
 * The operator's limits on rooms and groups, so that no user can make the room list, a room or
 * another user's invitations grow without bound.
 *
 * @param maxRoomsPerUser rooms and groups one user may create, each counted while it has members
 *     ({@code --max-rooms-per-user})
 * @param maxRoomMembers members one room or group may have, {@code #lobby} included ({@code
 *     --max-room-members}); at most {@link #membersFitting} a frame, so a {@code join_ok}, which
 *     names every member, always fits
 * @param maxInvitationsPerUser group invitations one user may hold unanswered ({@code
 *     --max-invitations-per-user})
 */
public record RoomLimits(int maxRoomsPerUser, int maxRoomMembers, int maxInvitationsPerUser) {
  /** Default rooms one user may create. */
  public static final int DEFAULT_MAX_ROOMS_PER_USER = 100;

  /** Default members of one room: fits the smallest frame ({@link #membersFitting}(65536)). */
  public static final int DEFAULT_MAX_ROOM_MEMBERS = 1000;

  /** Default unanswered invitations one user may hold. */
  public static final int DEFAULT_MAX_INVITATIONS_PER_USER = 50;

  /** The largest value accepted for the room and invitation counts. */
  public static final int MAX_COUNT = 100_000;

  /**
   * Bytes of a {@code join_ok} frame counted for each member: a username is at most 32 ASCII
   * characters, 35 bytes with its quotes and comma; the rest is room for the other fields.
   */
  private static final int BYTES_PER_MEMBER = 64;

  /** Validates ranges. */
  public RoomLimits {
    requireMaxRoomsPerUser(maxRoomsPerUser);
    if (maxRoomMembers < 2 || maxRoomMembers > MAX_COUNT) {
      throw new RelayConfig.InvalidSetting(
          "max-room-members", "max room members must be 2 to " + MAX_COUNT);
    }
    if (maxInvitationsPerUser < 1 || maxInvitationsPerUser > MAX_COUNT) {
      throw new RelayConfig.InvalidSetting(
          "max-invitations-per-user", "max invitations per user must be 1 to " + MAX_COUNT);
    }
  }

  /**
   * Checks {@code maxRoomsPerUser}, 1 to {@link #MAX_COUNT}; also for operator tools that count
   * against it.
   *
   * @throws RelayConfig.InvalidSetting if it is out of range
   */
  public static int requireMaxRoomsPerUser(int maxRoomsPerUser) {
    if (maxRoomsPerUser < 1 || maxRoomsPerUser > MAX_COUNT) {
      throw new RelayConfig.InvalidSetting(
          "max-rooms-per-user", "max rooms per user must be 1 to " + MAX_COUNT);
    }
    return maxRoomsPerUser;
  }

  /** The defaults: 100 rooms per user, 1000 members per room, 50 invitations per user. */
  public static RoomLimits defaults() {
    return new RoomLimits(
        DEFAULT_MAX_ROOMS_PER_USER, DEFAULT_MAX_ROOM_MEMBERS, DEFAULT_MAX_INVITATIONS_PER_USER);
  }

  /**
   * Bytes of a {@code login_ok} or {@code resume_ok} frame counted for each conversation listed: a
   * room id is at most 65 characters and a direct conversation's 66, the sequence number at most 19
   * digits, 116 bytes in all with the field names, quotes and comma.
   */
  private static final int BYTES_PER_CONVERSATION = 128;

  /** Bytes of a {@code login_ok} kept for everything but its conversations. */
  private static final int LOGIN_REPLY_BYTES = 1024;

  /**
   * The most conversations (rooms, groups and direct conversations) one user may be in so that the
   * {@code login_ok} and {@code resume_ok}, which list every one, fit a frame of {@code
   * maxFrameBytes}: 504 for the smallest frame (64 KiB), 32,760 for the default (4 MiB).
   */
  public static int conversationsFitting(int maxFrameBytes) {
    return (maxFrameBytes - LOGIN_REPLY_BYTES) / BYTES_PER_CONVERSATION;
  }

  /**
   * Bytes a conversation's {@code lastId} (wire version 15) adds to its entry: {@code ,"lastId":"}
   * and 32 hex digits and a quote.
   */
  private static final int BYTES_PER_NEWEST_ID = 44;

  /**
   * How many of {@code conversations} entries of a {@code login_ok} or {@code resume_ok} may carry
   * their {@code lastId} in a frame of {@code maxFrameBytes}, each entry counted at its longest:
   * all of them up to 24,379 conversations in the default frame (4 MiB), up to 375 in the smallest
   * (64 KiB), fewer past those (0 at {@link #conversationsFitting}).
   */
  public static int newestIdsFitting(int maxFrameBytes, int conversations) {
    long room =
        (long) maxFrameBytes - LOGIN_REPLY_BYTES - (long) conversations * BYTES_PER_CONVERSATION;
    return (int) Math.max(0, Math.min(conversations, room / BYTES_PER_NEWEST_ID));
  }

  /** The most members whose names a {@code join_ok} of {@code maxFrameBytes} can hold. */
  public static int membersFitting(int maxFrameBytes) {
    return maxFrameBytes / BYTES_PER_MEMBER;
  }
}
