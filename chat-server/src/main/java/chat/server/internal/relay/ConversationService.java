package chat.server.internal.relay;

import chat.protocol.ConversationIds;
import chat.protocol.ErrorCode;
import chat.protocol.GroupRole;
import chat.protocol.JoinReply;
import chat.protocol.JoinRequest;
import chat.protocol.LeaveReply;
import chat.protocol.LeaveRequest;
import chat.protocol.ListMembersRequest;
import chat.protocol.ListRoomsRequest;
import chat.protocol.MemberInfo;
import chat.protocol.MembersReply;
import chat.protocol.MembershipChange;
import chat.protocol.PresenceStatus;
import chat.protocol.ProtocolVersions;
import chat.protocol.RoomInfo;
import chat.protocol.RoomsReply;
import chat.server.internal.storage.ConversationRepository;
import chat.server.internal.storage.MemberRepository;
import chat.server.internal.storage.UserRepository;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rooms and membership: join (creating on first join), leave, list rooms, list members. Groups
 * (invite-only rooms) follow {@link GroupRules} on join and leave, are listed only to their members
 * and invitees, and list their members with roles.
 */
public final class ConversationService {
  private final Storage storage;
  private final ConversationRepository conversations;
  private final MemberRepository members;
  private final KeyFingerprints fingerprints;
  private final UserRepository users;
  private final Router router;
  private final Notifier notifier;
  private final Clock clock;
  private final GroupRules groups;
  private final PresenceBook presence;
  private final RoomCapacity capacity;
  private final DirectConversations directs;
  private final int pageBudgetBytes;

  /** The service over its collaborators. */
  public ConversationService(
      Storage storage,
      ConversationRepository conversations,
      MemberRepository members,
      UserRepository users,
      Router router,
      Notifier notifier,
      KeyFingerprints fingerprints,
      Clock clock,
      GroupRules groups,
      PresenceBook presence,
      RoomCapacity capacity,
      DirectConversations directs,
      int maxFrameBytes) {
    this.capacity = capacity;
    this.directs = directs;
    this.pageBudgetBytes = maxFrameBytes / 2;
    this.groups = groups;
    this.presence = presence;
    this.fingerprints = fingerprints;
    this.storage = storage;
    this.conversations = conversations;
    this.members = members;
    this.users = users;
    this.router = router;
    this.notifier = notifier;
    this.clock = clock;
  }

  /**
   * Joins (and if needed creates) a room, within the relay's {@link RoomCapacity}: conversations
   * one user is in, rooms one user creates, members of one room. A direct conversation is opened
   * for the caller instead ({@link DirectConversations#open}).
   */
  public JoinReply join(ClientConnection connection, JoinRequest request) {
    String key = connection.state().requireUserKey();
    String username = connection.state().requireUsername(); // before the change, not after
    String room = request.room();
    if (ConversationIds.isDirect(room)) {
      return directs.open(connection, request.id(), room);
    }
    boolean added =
        storage.write(
            c -> {
              boolean member = members.isMember(c, room, key);
              groups.beforeJoin(c, room, key, member);
              if (!member) {
                capacity.requireConversationSpace(c, key);
                capacity.createOrUse(c, room, key, clock.millis());
                capacity.requireSpace(c, room);
              }
              return members.add(c, room, key, clock.millis());
            });
    if (added) {
      notifier.membership(room, key, username, MembershipChange.JOINED);
      if (connection.state().version() >= ProtocolVersions.MUTE) {
        // A mute outlives leaving: one who comes back is told of it at once.
        storage
            .read(c -> groups.tables().mutes().find(c, room, key))
            .ifPresent(
                mute ->
                    notifier.to(
                        connection,
                        GroupRules.muted(room, username, mute.by(), mute.reason(), mute.until())));
      }
    }
    long lastSeq = storage.read(c -> conversations.lastSeq(c, room)).orElse(0);
    List<String> names = new ArrayList<>(storage.read(c -> members.members(c, room)).values());
    return new JoinReply(request.id(), room, lastSeq, names);
  }

  /**
   * Leaves a room; on a group the caller is only invited to, declines the invitation (it is
   * deleted, so it is not offered again at the next login) and tells the group's members and the
   * caller's other connections ({@link Notifier#declined}). A direct conversation is closed for the
   * caller instead ({@link DirectConversations#close}).
   */
  public LeaveReply leave(ClientConnection connection, LeaveRequest request) {
    String key = connection.state().requireUserKey();
    String username = connection.state().requireUsername(); // before the change, not after
    String room = request.room();
    if (ConversationIds.isDirect(room)) {
      return directs.close(connection, request.id(), room);
    }
    Left left =
        storage.write(
            c -> {
              if (!members.isMember(c, room, key)) {
                return groups.decline(c, room, key) ? Left.DECLINED : Left.NOT_MEMBER;
              }
              groups.beforeLeave(c, room, key);
              return members.remove(c, room, key) ? Left.LEFT : Left.NOT_MEMBER;
            });
    if (left == Left.NOT_MEMBER) {
      throw new RelayException(ErrorCode.NOT_MEMBER);
    }
    if (left == Left.DECLINED) {
      notifier.declined(room, key, username, connection);
      return new LeaveReply(request.id(), room);
    }
    notifier.membership(room, key, username, MembershipChange.LEFT);
    return new LeaveReply(request.id(), room);
  }

  /** What a leave did. */
  private enum Left {
    LEFT,
    DECLINED,
    NOT_MEMBER
  }

  /**
   * Every public room with members (a room everyone left, or a disbanded group, is not listed), and
   * the groups the caller is in or invited to, with member counts and whether the caller is in
   * each; from wire version 2 also whether each is a group, its title and whether the caller is
   * invited.
   */
  public RoomsReply rooms(ClientConnection connection, ListRoomsRequest request) {
    String key = connection.state().requireUserKey();
    boolean detailed = connection.state().version() >= ProtocolVersions.SOCIAL;
    Map<String, Integer> all = storage.read(conversations::rooms);
    Set<String> mine = storage.read(c -> members.conversationIdsOf(c, key));
    Map<String, String> titles = storage.read(groups::titles);
    Set<String> invited = storage.read(c -> groups.invitations(c, key));
    List<String> visible = new ArrayList<>(all.size());
    all.forEach(
        (room, count) -> {
          String title = titles.get(room);
          if (count > 0 && (title == null || mine.contains(room) || invited.contains(room))) {
            visible.add(room);
          }
        });
    ListPage<RoomInfo> page =
        ListPage.of(
            visible,
            request.after(),
            room -> {
              boolean joined = mine.contains(room);
              String title = titles.get(room);
              return detailed
                  ? new RoomInfo(
                      room, all.get(room), joined, title != null, title, invited.contains(room))
                  : new RoomInfo(room, all.get(room), joined);
            },
            room -> ListPage.jsonBytes(room.room(), room.title()),
            RoomInfo::room,
            pageBudget(connection));
    return new RoomsReply(request.id(), page.entries(), page.next());
  }

  /**
   * The byte budget of a list page on this connection: half a frame from wire version 5, none (the
   * whole list in one reply) before, where the reply has no {@code next}.
   */
  private int pageBudget(ClientConnection connection) {
    return connection.state().version() >= ProtocolVersions.PAGED ? pageBudgetBytes : 0;
  }

  /** The members of a conversation the caller belongs to. */
  public MembersReply members(ClientConnection connection, ListMembersRequest request) {
    String key = connection.state().requireUserKey();
    String conversation = request.conversation();
    if (ConversationIds.isDirect(conversation)) {
      return directMembers(connection, request, key);
    }
    requireMember(conversation, key);
    Optional<Map<String, GroupRole>> roles = storage.read(c -> groups.roles(c, conversation));
    Map<String, String> names = storage.read(c -> members.members(c, conversation));
    boolean social = connection.state().version() >= ProtocolVersions.SOCIAL;
    Map<String, Long> muted =
        roles.isPresent() && connection.state().version() >= ProtocolVersions.MUTE
            ? storage.read(c -> groups.mutes(c, conversation))
            : Map.of();
    ListPage<MemberInfo> page =
        ListPage.of(
            new ArrayList<>(names.keySet()),
            request.after() == null ? null : chat.protocol.Usernames.key(request.after()),
            member -> {
              MemberInfo plain = memberInfo(member, names.get(member));
              MemberInfo info =
                  roles.isEmpty() || !social
                      ? plain
                      : withRole(plain, roles.get().getOrDefault(member, GroupRole.MEMBER));
              MemberInfo shown = social ? withStatus(info) : info;
              return muted.containsKey(member) ? shown.mutedUntil(muted.get(member)) : shown;
            },
            member ->
                ListPage.jsonBytes(
                    member.username(),
                    member.keyFingerprint(),
                    member.message(),
                    member.status() == null ? null : member.status().name(),
                    member.role() == null ? null : member.role().name(),
                    member.muted() == null ? null : "true",
                    member.mutedUntilMillis() == null
                        ? null
                        : Long.toString(member.mutedUntilMillis())),
            MemberInfo::username,
            pageBudget(connection));
    return new MembersReply(request.id(), conversation, page.entries(), page.next());
  }

  /**
   * The two parties of a private conversation of the caller's ({@code key}). Anyone may list one by
   * its name, started or not, to seal a first message: the other party's presence shows only where
   * the relay would push it to the caller ({@link Notifier#seesPresence}); else they are shown
   * offline, without an away message.
   */
  private MembersReply directMembers(
      ClientConnection connection, ListMembersRequest request, String key) {
    List<String> parties = ConversationIds.parties(request.conversation());
    if (!parties.contains(key)) {
      throw new RelayException(ErrorCode.NOT_MEMBER);
    }
    boolean social = connection.state().version() >= ProtocolVersions.SOCIAL;
    List<MemberInfo> out = new ArrayList<>();
    for (String party : parties) {
      String name =
          storage
              .read(c -> users.find(c, party))
              .orElseThrow(() -> RelayException.noSuchUser(party))
              .username();
      MemberInfo info = memberInfo(party, name);
      if (notifier.seesPresence(key, party)) {
        out.add(social ? withStatus(info) : info);
      } else if (social) {
        out.add(
            new MemberInfo(name, false, info.keyFingerprint(), PresenceStatus.OFFLINE, null, null));
      } else {
        out.add(new MemberInfo(name, false, info.keyFingerprint()));
      }
    }
    return new MembersReply(request.id(), request.conversation(), out);
  }

  private MemberInfo memberInfo(String userKey, String name) {
    String fingerprint =
        fingerprints.of(userKey).orElseThrow(() -> new RelayException(ErrorCode.INTERNAL));
    return new MemberInfo(name, router.isOnline(userKey), fingerprint);
  }

  private static MemberInfo withRole(MemberInfo member, GroupRole role) {
    return new MemberInfo(
        member.username(),
        member.online(),
        member.keyFingerprint(),
        member.status(),
        member.message(),
        role);
  }

  /** Adds the wire version 2 presence detail: online, away (with its message) or offline. */
  private MemberInfo withStatus(MemberInfo member) {
    String key = chat.protocol.Usernames.key(member.username());
    PresenceStatus status = presence.status(key, member.online());
    return new MemberInfo(
        member.username(),
        member.online(),
        member.keyFingerprint(),
        status,
        status == PresenceStatus.AWAY ? presence.message(key).orElse(null) : null,
        member.role());
  }

  /** Throws {@link ErrorCode#NOT_MEMBER} unless {@code userKey} may read there. */
  public void requireMember(String conversation, String userKey) {
    if (ConversationIds.isDirect(conversation)) {
      if (!ConversationIds.parties(conversation).contains(userKey)) {
        throw new RelayException(ErrorCode.NOT_MEMBER);
      }
      return; // its id names its parties: nothing to read
    }
    storage.read(
        c -> {
          requireMember(c, conversation, userKey);
          return null;
        });
  }

  /**
   * As {@link #requireMember(String, String)}, reading on {@code c} (in a transaction of the
   * caller's; unused for a direct conversation, whose parties its id names).
   */
  public void requireMember(Connection c, String conversation, String userKey) throws SQLException {
    if (ConversationIds.isDirect(conversation)) {
      requireMember(conversation, userKey);
    } else if (!members.isMember(c, conversation, userKey)) {
      throw new RelayException(ErrorCode.NOT_MEMBER);
    }
  }

  /**
   * What a send or an upload checks first: throws as {@link #requireMember} does, and returns the
   * {@link ErrorCode#MUTED} refusal if {@code userKey} is muted in the group {@code conversation}
   * (else empty), for the caller to throw when it is due. One read for both; direct conversations
   * have no mutes (nor have public rooms: no row names one).
   */
  public Optional<RelayException> requirePoster(String conversation, String userKey) {
    if (ConversationIds.isDirect(conversation)) {
      requireMember(conversation, userKey);
      return Optional.empty();
    }
    long now = clock.millis();
    return storage.read(
        c -> {
          if (!members.isMember(c, conversation, userKey)) {
            throw new RelayException(ErrorCode.NOT_MEMBER);
          }
          return groups.mutedRefusal(c, conversation, userKey, now);
        });
  }

  /** True if {@code userKey} is a current member (room) or party (direct conversation). */
  public boolean isMember(String conversation, String userKey) {
    if (ConversationIds.isDirect(conversation)) {
      return ConversationIds.parties(conversation).contains(userKey);
    }
    return storage.read(c -> members.isMember(c, conversation, userKey));
  }
}
