package chat.server.internal.relay;

import chat.protocol.BanInfo;
import chat.protocol.BansReply;
import chat.protocol.ConversationIds;
import chat.protocol.ErrorCode;
import chat.protocol.GroupAction;
import chat.protocol.GroupChange;
import chat.protocol.GroupCreateRequest;
import chat.protocol.GroupDisbandRequest;
import chat.protocol.GroupEvent;
import chat.protocol.GroupMemberRequest;
import chat.protocol.GroupRenameRequest;
import chat.protocol.GroupReply;
import chat.protocol.GroupRole;
import chat.protocol.JoinReply;
import chat.protocol.ListBansRequest;
import chat.protocol.ProtocolVersions;
import chat.protocol.Usernames;
import chat.server.internal.storage.ConversationRepository;
import chat.server.internal.storage.FileRepository;
import chat.server.internal.storage.GroupTables;
import chat.server.internal.storage.MemberRepository;
import chat.server.internal.storage.MessageRepository;
import chat.server.internal.storage.TimedGroupRows;
import chat.server.internal.storage.UserRepository;
import chat.server.internal.storage.UserRepository.UserRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups: invite-only rooms with an owner and admins. Creating, renaming and disbanding a group,
 * and the member actions of {@link GroupMemberActions}. Every check and its change run in one write
 * transaction; the event naming the actor goes to the members (and the user concerned) after the
 * commit.
 */
public final class GroupService {
  /** Most pending invitations one group may hold. */
  public static final int MAX_PENDING_INVITES = 500;

  private static final Logger LOG = LoggerFactory.getLogger(GroupService.class);

  private final LogIds logIds;
  private final RoomCapacity capacity;
  private final int pageBudgetBytes;

  private final Storage storage;
  private final ConversationRepository conversations;
  private final MemberRepository members;
  private final UserRepository users;
  private final MessageRepository messages;
  private final KeptForms keptForms;
  private final GroupTables tables;
  private final FileRepository files;
  private final Notifier notifier;
  private final Clock clock;

  /** The service over its collaborators; see {@code Relay} for the wiring. */
  public GroupService(
      Storage storage,
      ConversationRepository conversations,
      MemberRepository members,
      UserRepository users,
      MessageRepository messages,
      KeptForms keptForms,
      GroupTables tables,
      FileRepository files,
      Notifier notifier,
      Clock clock,
      LogIds logIds,
      RoomCapacity capacity,
      int maxFrameBytes) {
    this.capacity = capacity;
    this.pageBudgetBytes = maxFrameBytes / 2;
    this.logIds = logIds;
    this.storage = storage;
    this.conversations = conversations;
    this.members = members;
    this.users = users;
    this.messages = messages;
    this.keptForms = keptForms;
    this.tables = tables;
    this.files = files;
    this.notifier = notifier;
    this.clock = clock;
  }

  /**
   * Creates a group owned by the caller, who joins it at once; their other connections are told
   * ({@link Notifier#created}).
   */
  public JoinReply create(ClientConnection connection, GroupCreateRequest request) {
    String key = connection.state().requireUserKey();
    String username = connection.state().requireUsername();
    String room = request.room();
    storage.write(
        c -> {
          boolean taken =
              room.equals(ConversationIds.LOBBY)
                  || tables.groups().title(c, room).isPresent()
                  || !members.members(c, room).isEmpty();
          if (taken) {
            throw new RelayException(
                ErrorCode.ROOM_EXISTS, room + " already exists: pick another name");
          }
          long now = clock.millis();
          capacity.requireConversationSpace(c, key);
          capacity.createOrUse(c, room, key, now);
          tables.groups().create(c, room, room.substring(1), now);
          members.add(c, room, key, now);
          tables.roles().set(c, room, key, GroupRole.OWNER);
          return null;
        });
    LOG.debug("group created by {}", logIds.user(key));
    notifier.created(room, key, username, connection);
    long lastSeq = storage.read(c -> conversations.lastSeq(c, room)).orElse(0);
    return new JoinReply(request.id(), room, lastSeq, List.of(username));
  }

  /**
   * Invites, kicks, bans, unbans, mutes, unmutes, promotes, demotes or hands ownership to a user.
   */
  public GroupReply member(ClientConnection connection, GroupMemberRequest request) {
    String actorKey = connection.state().requireUserKey();
    String actor = connection.state().requireUsername();
    String room = request.room();
    if (!Usernames.isValid(request.username())) {
      throw new RelayException(ErrorCode.NO_SUCH_USER);
    }
    if (request.reason() != null && connection.state().version() < ProtocolVersions.MODERATION) {
      throw new RelayException(
          ErrorCode.BAD_FRAME, "a reason needs wire version " + ProtocolVersions.MODERATION);
    }
    boolean mute = request.action() == GroupAction.MUTE || request.action() == GroupAction.UNMUTE;
    if (mute && connection.state().version() < ProtocolVersions.MUTE) {
      throw new RelayException(
          ErrorCode.BAD_FRAME, "a mute needs wire version " + ProtocolVersions.MUTE);
    }
    if (request.minutes() != null && connection.state().version() < ProtocolVersions.BAN_LIST) {
      throw new RelayException(
          ErrorCode.BAD_FRAME, "a timed ban needs wire version " + ProtocolVersions.BAN_LIST);
    }
    String targetKey = Usernames.key(request.username());
    long now = clock.millis();
    Long until = request.minutes() == null ? null : now + request.minutes() * 60_000L;
    GroupMemberActions.Outcome outcome =
        storage.write(
            c -> {
              GroupRole role = requireGroupMember(c, room, actorKey);
              UserRow target =
                  users
                      .find(c, targetKey)
                      .orElseThrow(() -> RelayException.noSuchUser(request.username()));
              return new GroupMemberActions(c, tables, members, capacity, room, now)
                  .apply(request.action(), actorKey, actor, role, target, request.reason(), until);
            });
    LOG.debug("group {} by {}", request.action(), logIds.user(actorKey));
    Set<String> recipients = new LinkedHashSet<>(memberKeys(room));
    if (outcome.tellTarget()) {
      recipients.add(targetKey);
    }
    notifier.group(
        new GroupEvent(
            room,
            actor,
            outcome.change(),
            outcome.target(),
            null,
            outcome.change().carriesReason() ? request.reason() : null,
            outcome.change().carriesUntil() ? until : null),
        recipients,
        outcome.removedMember());
    return new GroupReply(request.id(), room);
  }

  /**
   * One page of the group's bans (owner or admin; wire version 11): at most {@link BansReply#PAGE},
   * and no more than half a frame of JSON. One row more than a page is read, so that a full page
   * names the next.
   */
  public BansReply bans(ClientConnection connection, ListBansRequest request) {
    Requirement.requireVersion(connection.state(), ProtocolVersions.BAN_LIST);
    String actorKey = connection.state().requireUserKey();
    String room = request.room();
    String after = request.after() == null ? null : Usernames.key(request.after());
    List<TimedGroupRows.Entry> rows =
        storage.read(
            c -> {
              requireAdmin(requireGroupMember(c, room, actorKey));
              return tables.bans().page(c, room, after, BansReply.PAGE + 1);
            });
    List<BanInfo> bans =
        rows.stream()
            .map(
                ban ->
                    new BanInfo(
                        ban.username(),
                        ban.by(),
                        ban.at(),
                        ban.reason().isEmpty() ? null : ban.reason(),
                        ban.until()))
            .toList();
    ListPage<BanInfo> page =
        ListPage.ofEntries(
            bans,
            ban -> ListPage.jsonBytes(ban.username(), ban.bannedBy(), ban.reason()),
            BanInfo::username,
            pageBudgetBytes,
            BansReply.PAGE);
    return new BansReply(request.id(), room, page.entries(), page.next());
  }

  /** Changes the display title (owner or admin); the room id stays. */
  public GroupReply rename(ClientConnection connection, GroupRenameRequest request) {
    String actorKey = connection.state().requireUserKey();
    String actor = connection.state().requireUsername();
    String room = request.room();
    storage.write(
        c -> {
          requireAdmin(requireGroupMember(c, room, actorKey));
          tables.groups().rename(c, room, request.title());
          return null;
        });
    notifier.group(
        new GroupEvent(room, actor, GroupChange.RENAMED, null, request.title()),
        memberKeys(room),
        false);
    return new GroupReply(request.id(), room);
  }

  /**
   * Ends a group (owner only): removes everyone, deletes its invitations, bans, mutes and messages,
   * and ends its files (expired at once, so that no one who joins a room of that name later can
   * fetch them; the sweep deletes them).
   */
  public GroupReply disband(ClientConnection connection, GroupDisbandRequest request) {
    String actorKey = connection.state().requireUserKey();
    String actor = connection.state().requireUsername();
    String room = request.room();
    List<String> former =
        storage.write(
            c -> {
              if (requireGroupMember(c, room, actorKey) != GroupRole.OWNER) {
                throw new RelayException(
                    ErrorCode.NOT_GROUP_OWNER, "only the owner of " + room + " can do that");
              }
              List<String> told = new ArrayList<>(members.members(c, room).keySet());
              told.addAll(tables.invites().invitees(c, room).keySet());
              members.removeAll(c, room);
              tables.roles().deleteAll(c, room);
              tables.invites().deleteAll(c, room);
              tables.bans().deleteAll(c, room);
              tables.mutes().deleteAll(c, room);
              tables.groups().delete(c, room);
              messages.deleteAll(c, room);
              files.expireAll(c, room, clock.millis());
              return told;
            });
    keptForms.forget(room);
    LOG.debug("group disbanded by {}", logIds.user(actorKey));
    notifier.group(new GroupEvent(room, actor, GroupChange.DISBANDED, null, null), former, false);
    return new GroupReply(request.id(), room);
  }

  /** The user keys of the room's members now. */
  private List<String> memberKeys(String room) {
    return new ArrayList<>(storage.read(c -> members.members(c, room)).keySet());
  }

  /**
   * The caller's role in the group {@code room}.
   *
   * @throws RelayException {@code NOT_A_GROUP} for a public room, {@code NO_SUCH_CONVERSATION} if
   *     there is no such room, {@code NOT_MEMBER} if the caller is not in it
   */
  private GroupRole requireGroupMember(Connection c, String room, String userKey)
      throws SQLException {
    if (tables.groups().title(c, room).isEmpty()) {
      boolean exists = !members.members(c, room).isEmpty();
      throw new RelayException(
          exists ? ErrorCode.NOT_A_GROUP : ErrorCode.NO_SUCH_CONVERSATION,
          exists ? room + " is a public room, not a group" : "no group called " + room);
    }
    if (!members.isMember(c, room, userKey)) {
      throw new RelayException(ErrorCode.NOT_MEMBER, "you are not a member of " + room);
    }
    return tables.roles().role(c, room, userKey).orElse(GroupRole.MEMBER);
  }

  /** Refuses plain members. */
  static void requireAdmin(GroupRole role) {
    if (role == GroupRole.MEMBER) {
      throw new RelayException(ErrorCode.NOT_GROUP_ADMIN);
    }
  }
}
