package chat.server.internal.relay;

import chat.protocol.ConversationIds;
import chat.protocol.ErrorCode;
import chat.protocol.RoomSkeleton;
import chat.server.RoomLimits;
import chat.server.internal.storage.ConversationRepository;
import chat.server.internal.storage.GroupInviteRepository;
import chat.server.internal.storage.MemberRepository;
import chat.server.internal.storage.UserLimitRepository;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.OptionalInt;

/**
 * The operator's {@link RoomLimits}, checked inside the write transaction that would break them:
 * rooms one user creates, members of one room, invitations one user holds. Each refusal is {@link
 * ErrorCode#LIMIT_REACHED} with a message saying which limit and what to do.
 */
public final class RoomCapacity {
  /**
   * How a refusal names a limit the operator set for this one user ({@code chat-server users
   * set-limit}), which is not the relay's.
   */
  private static final String OWN_LIMIT = "the limit this relay's operator set for you";

  private final RoomLimits limits;
  private final ConversationRepository conversations;
  private final MemberRepository members;
  private final UserLimitRepository userLimits;
  private final int maxConversationsPerUser;

  /**
   * The checks of {@code limits} over the tables they count, with the room limits the operator set
   * for single users in {@code userLimits}, and of the conversations one user may be in ({@link
   * RoomLimits#conversationsFitting} {@code maxFrameBytes}).
   */
  public RoomCapacity(
      RoomLimits limits,
      ConversationRepository conversations,
      MemberRepository members,
      UserLimitRepository userLimits,
      int maxFrameBytes) {
    this.limits = limits;
    this.conversations = conversations;
    this.members = members;
    this.userLimits = userLimits;
    this.maxConversationsPerUser = RoomLimits.conversationsFitting(maxFrameBytes);
  }

  /**
   * Group {@code room} is handed to {@code ownerKey} ({@code owner} as registered): it counts
   * against their rooms from now on, not its creator's, who no longer owns it and could not free it
   * by leaving. Refused if they already have as many rooms as they may create, as a room of their
   * own would be: else handing groups over would make rooms past every limit.
   */
  void handedOver(Connection c, String room, String ownerKey, String owner) throws SQLException {
    if (conversations.isCreator(c, room, ownerKey)) {
      return; // counted for them already (they made it, and had it handed back)
    }
    int created = conversations.createdBy(c, ownerKey);
    int allowed = userLimits.maxRooms(c, ownerKey).orElse(limits.maxRoomsPerUser());
    if (created >= allowed) {
      throw new RelayException(
          ErrorCode.LIMIT_REACHED,
          owner
              + " cannot take "
              + room
              + ": they have "
              + (created == 1 ? "1 room" : created + " rooms")
              + " of their own, as many as they may create (a group counts for its owner)");
    }
    conversations.setCreator(c, room, ownerKey);
  }

  /** The most conversations one user may be in: the login reply lists each. */
  public int maxConversationsPerUser() {
    return maxConversationsPerUser;
  }

  /**
   * Refuses {@code userKey} a further room or group when they are in {@link
   * #maxConversationsPerUser()} conversations (rooms, groups and direct ones not closed): the
   * {@code login_ok} that lists them would no longer fit a frame. They can be past it when the
   * other party of direct conversations they closed wrote there ({@link MessageStore#append}).
   */
  void requireConversationSpace(Connection c, String userKey) throws SQLException {
    int in = members.countOf(c, userKey);
    if (in >= maxConversationsPerUser) {
      throw new RelayException(
          ErrorCode.LIMIT_REACHED,
          "you are in "
              + in
              + " rooms and direct conversations, "
              + (in > maxConversationsPerUser ? "past " : "")
              + "this relay's limit (a login lists them all):"
              + " leave a room or close a direct conversation first");
    }
  }

  /**
   * Creates room {@code room} for {@code creatorKey} unless it has members; refuses if the creator
   * already has as many rooms with members as they may create: the limit the operator set for them
   * ({@code chat-server users set-limit}), read in this transaction so that a change counts at
   * once, or else {@link RoomLimits#maxRoomsPerUser()}; the refusal says which of the two it is. A
   * room that exists with no member (everyone left, or its group was disbanded) is brought into
   * being again by this user: it counts for them from now on, no longer for whoever made it first.
   * {@code #lobby} belongs to the relay and counts for nobody.
   */
  void createOrUse(Connection c, String room, String creatorKey, long now) throws SQLException {
    boolean exists = conversations.exists(c, room);
    if (exists && (room.equals(ConversationIds.LOBBY) || members.count(c, room) > 0)) {
      return;
    }
    // Made anew, or brought back from no members: either way it must not read as another room.
    if (exists ? !conversations.claimSkeleton(c, room) : lookalike(c, room)) {
      throw lookalikeRefused(room);
    }
    int created = conversations.createdBy(c, creatorKey);
    OptionalInt own = userLimits.maxRooms(c, creatorKey);
    int allowed = own.orElse(limits.maxRoomsPerUser());
    if (created >= allowed) {
      throw new RelayException(
          ErrorCode.LIMIT_REACHED,
          "you have created "
              + (created == 1 ? "1 room" : created + " rooms")
              + ", "
              + (created > allowed ? "past " : "")
              + (own.isPresent() ? OWN_LIMIT : "this relay's limit")
              + ": disband a group you own or hand it over, leave a room you are the last member"
              + " of, or join an existing room (a room counts for its creator, or a group's owner,"
              + " while it has members)");
    }
    if (exists) {
      conversations.setCreator(c, room, creatorKey);
    } else {
      conversations.create(c, room, creatorKey, now);
    }
  }

  /** Whether another room holds the skeleton of {@code room}, a room not made yet. */
  private boolean lookalike(Connection c, String room) throws SQLException {
    return conversations.skeletonTaken(c, RoomSkeleton.of(room));
  }

  /**
   * The refusal of a room whose name reads as an existing room's ({@link RoomSkeleton}), which
   * could pass for it: {@link ErrorCode#ROOM_EXISTS}, not naming that room, as a refused username
   * does not name the account (a group is listed to its members only).
   */
  private static RelayException lookalikeRefused(String room) {
    return new RelayException(
        ErrorCode.ROOM_EXISTS,
        "the name " + room + " is too like an existing room's name: pick another name");
  }

  /** True if {@code room} can take one more member. */
  boolean hasSpace(Connection c, String room) throws SQLException {
    return members.count(c, room) < limits.maxRoomMembers();
  }

  /**
   * Refuses a new member of a full {@code room}, saying how many it has: more than the limit where
   * the operator lowered it since they joined.
   */
  void requireSpace(Connection c, String room) throws SQLException {
    int count = members.count(c, room);
    if (count >= limits.maxRoomMembers()) {
      throw new RelayException(
          ErrorCode.LIMIT_REACHED,
          room
              + " is full: it has "
              + counted(count, "member", "members")
              + ", "
              + relayLimit(count, limits.maxRoomMembers()));
    }
  }

  /** {@code count} of a thing, in the singular for one. */
  private static String counted(long count, String one, String many) {
    return count + " " + (count == 1 ? one : many);
  }

  /** "this relay's limit", or "past this relay's limit of N" where {@code count} is over it. */
  private static String relayLimit(long count, long limit) {
    return count > limit ? "past this relay's limit of " + limit : "this relay's limit";
  }

  /**
   * Refuses an invitation for {@code name} (user {@code userKey}) who already holds {@link
   * RoomLimits#maxInvitationsPerUser()} pending ones: the inviter is told, nothing is dropped.
   */
  void requireInvitationSpace(
      Connection c, GroupInviteRepository invites, String userKey, String name)
      throws SQLException {
    int held = invites.countOf(c, userKey);
    if (held >= limits.maxInvitationsPerUser()) {
      throw new RelayException(
          ErrorCode.LIMIT_REACHED,
          name
              + " already holds "
              + counted(held, "pending group invitation", "pending group invitations")
              + ", "
              + relayLimit(held, limits.maxInvitationsPerUser())
              + ": they must accept or decline some first");
    }
  }
}
