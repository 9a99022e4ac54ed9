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
      PresenceBook presence) {
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

  /** Joins (and if needed creates) a room. */
  public JoinReply join(ClientConnection connection, JoinRequest request) {
    String key = connection.state().userKey().orElseThrow();
    String room = request.room();
    boolean added =
        storage.write(
            c -> {
              groups.beforeJoin(c, room, key, members.isMember(c, room, key));
              conversations.ensure(c, room, clock.millis());
              return members.add(c, room, key, clock.millis());
            });
    if (added) {
      notifier.membership(
          room, key, connection.state().username().orElseThrow(), MembershipChange.JOINED);
    }
    long lastSeq = storage.read(c -> conversations.lastSeq(c, room)).orElse(0);
    List<String> names = new ArrayList<>(storage.read(c -> members.members(c, room)).values());
    return new JoinReply(request.id(), room, lastSeq, names);
  }

  /** Leaves a room. */
  public LeaveReply leave(ClientConnection connection, LeaveRequest request) {
    String key = connection.state().userKey().orElseThrow();
    String room = request.room();
    boolean removed =
        storage.write(
            c -> {
              groups.beforeLeave(c, room, key);
              return members.remove(c, room, key);
            });
    if (!removed) {
      throw new RelayException(ErrorCode.NOT_MEMBER);
    }
    notifier.membership(
        room, key, connection.state().username().orElseThrow(), MembershipChange.LEFT);
    return new LeaveReply(request.id(), room);
  }

  /**
   * Every public room with members (a room everyone left, or a disbanded group, is not listed), and
   * the groups the caller is in or invited to, with member counts and whether the caller is in
   * each; from wire version 2 also whether each is a group, its title and whether the caller is
   * invited.
   */
  public RoomsReply rooms(ClientConnection connection, ListRoomsRequest request) {
    String key = connection.state().userKey().orElseThrow();
    boolean detailed = connection.state().version() >= ProtocolVersions.SOCIAL;
    Map<String, Integer> all = storage.read(conversations::rooms);
    Set<String> mine = storage.read(c -> members.conversationsOf(c, key)).keySet();
    Map<String, String> titles = storage.read(groups::titles);
    Set<String> invited = storage.read(c -> groups.invitations(c, key));
    List<RoomInfo> out = new ArrayList<>(all.size());
    all.forEach(
        (room, count) -> {
          boolean joined = mine.contains(room);
          String title = titles.get(room);
          if (count == 0 || title != null && !joined && !invited.contains(room)) {
            return;
          }
          out.add(
              detailed
                  ? new RoomInfo(room, count, joined, title != null, title, invited.contains(room))
                  : new RoomInfo(room, count, joined));
        });
    return new RoomsReply(request.id(), out);
  }

  /** The members of a conversation the caller belongs to. */
  public MembersReply members(ClientConnection connection, ListMembersRequest request) {
    String key = connection.state().userKey().orElseThrow();
    String conversation = request.conversation();
    List<MemberInfo> out = new ArrayList<>();
    if (ConversationIds.isDirect(conversation)) {
      List<String> parties = ConversationIds.parties(conversation);
      if (!parties.contains(key)) {
        throw new RelayException(ErrorCode.NOT_MEMBER);
      }
      for (String party : parties) {
        String name =
            storage
                .read(c -> users.find(c, party))
                .orElseThrow(() -> new RelayException(ErrorCode.NO_SUCH_USER))
                .username();
        out.add(memberInfo(party, name));
      }
    } else {
      requireMember(conversation, key);
      Optional<Map<String, GroupRole>> roles = storage.read(c -> groups.roles(c, conversation));
      storage
          .read(c -> members.members(c, conversation))
          .forEach(
              (member, name) -> {
                MemberInfo plain = memberInfo(member, name);
                out.add(
                    roles.isEmpty() || connection.state().version() < ProtocolVersions.SOCIAL
                        ? plain
                        : withRole(plain, roles.get().getOrDefault(member, GroupRole.MEMBER)));
              });
    }
    if (connection.state().version() >= ProtocolVersions.SOCIAL) {
      out.replaceAll(this::withStatus);
    }
    return new MembersReply(request.id(), conversation, out);
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

  /** Throws {@link ErrorCode#NOT_MEMBER} unless {@code userKey} may read and post there. */
  public void requireMember(String conversation, String userKey) {
    if (ConversationIds.isDirect(conversation)) {
      if (!ConversationIds.parties(conversation).contains(userKey)) {
        throw new RelayException(ErrorCode.NOT_MEMBER);
      }
      return;
    }
    if (!storage.read(c -> members.isMember(c, conversation, userKey))) {
      throw new RelayException(ErrorCode.NOT_MEMBER);
    }
  }

  /** True if {@code userKey} is a current member (room) or party (direct conversation). */
  public boolean isMember(String conversation, String userKey) {
    if (ConversationIds.isDirect(conversation)) {
      return ConversationIds.parties(conversation).contains(userKey);
    }
    return storage.read(c -> members.isMember(c, conversation, userKey));
  }
}
