package chat.server.internal.relay;

import chat.protocol.ErrorCode;
import chat.protocol.FriendAction;
import chat.protocol.FriendChange;
import chat.protocol.FriendInfo;
import chat.protocol.FriendState;
import chat.protocol.FriendUpdateReply;
import chat.protocol.FriendUpdateRequest;
import chat.protocol.FriendsReply;
import chat.protocol.ListFriendsRequest;
import chat.protocol.PresenceStatus;
import chat.protocol.ProtocolVersions;
import chat.protocol.Usernames;
import chat.server.internal.storage.FriendRequestRepository;
import chat.server.internal.storage.FriendshipRepository;
import chat.server.internal.storage.UserRepository;
import chat.server.internal.storage.UserRepository.UserRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Friends: requests (stored until answered, so offline users get them at their next login),
 * answers, removal and the list with each friend's presence. Friends see each other's presence even
 * without a shared conversation; strangers never do. A user has at most {@code --max-friends}
 * friends, and the list comes in pages that fit a frame (wire version 6).
 */
public final class FriendService {
  /** Most friend requests one user may have pending, sent or received. */
  public static final int MAX_PENDING_REQUESTS = 100;

  private static final Logger LOG = LoggerFactory.getLogger(FriendService.class);

  private final LogIds logIds;

  /** What an update did: the new state for the caller and what the other side hears, if any. */
  private record Outcome(String username, FriendState state, Optional<FriendChange> told) {}

  private final Storage storage;
  private final UserRepository users;
  private final FriendRequestRepository requests;
  private final FriendshipRepository friendships;
  private final Router router;
  private final PresenceBook presence;
  private final Notifier notifier;
  private final Clock clock;
  private final int maxFriends;
  private final int pageBudgetBytes;

  /**
   * The service over its collaborators; see {@code Relay} for the wiring.
   *
   * @param maxFriends the most friends one user may have ({@code --max-friends})
   * @param maxFrameBytes the relay's frame size: a page of the list takes at most half of it
   */
  public FriendService(
      Storage storage,
      UserRepository users,
      FriendRequestRepository requests,
      FriendshipRepository friendships,
      Router router,
      PresenceBook presence,
      Notifier notifier,
      Clock clock,
      LogIds logIds,
      int maxFriends,
      int maxFrameBytes) {
    this.logIds = logIds;
    this.maxFriends = maxFriends;
    this.pageBudgetBytes = maxFrameBytes / 2;
    this.storage = storage;
    this.users = users;
    this.requests = requests;
    this.friendships = friendships;
    this.router = router;
    this.presence = presence;
    this.notifier = notifier;
    this.clock = clock;
  }

  /** Adds, accepts, declines or removes a friend. */
  public FriendUpdateReply update(ClientConnection connection, FriendUpdateRequest request) {
    String me = connection.state().requireUserKey();
    String myName = connection.state().requireUsername();
    if (!Usernames.isValid(request.username())) {
      throw new RelayException(ErrorCode.NO_SUCH_USER);
    }
    String them = Usernames.key(request.username());
    if (them.equals(me)) {
      throw new RelayException(ErrorCode.INVALID_TARGET, "that is you: name someone else");
    }
    Outcome outcome =
        storage.write(
            c -> {
              UserRow other =
                  users
                      .find(c, them)
                      .orElseThrow(() -> RelayException.noSuchUser(request.username()));
              return apply(c, request.action(), me, other);
            });
    LOG.debug("friend {} by {}", request.action(), logIds.user(me));
    outcome
        .told()
        .ifPresent(
            change -> {
              notifier.friend(them, myName, change);
              notifier.ownFriend(me, outcome.username(), change, connection);
            });
    return new FriendUpdateReply(request.id(), outcome.username(), outcome.state());
  }

  private Outcome apply(Connection c, FriendAction action, String me, UserRow other)
      throws SQLException {
    String them = other.userKey();
    String name = other.username();
    long now = clock.millis();
    switch (action) {
      case ADD:
        if (friendships.exists(c, me, them)) {
          throw new RelayException(ErrorCode.ALREADY_FRIENDS, "already friends with " + name);
        }
        if (requests.exists(c, them, me)) {
          return befriend(c, me, other, now);
        }
        if (requests.exists(c, me, them)) {
          return new Outcome(name, FriendState.OUTGOING, Optional.empty());
        }
        // A request that could never be accepted is refused now, not left waiting.
        requireRoomForFriend(c, me, other);
        if (requests.countFrom(c, me) >= MAX_PENDING_REQUESTS) {
          throw new RelayException(
              ErrorCode.LIMIT_REACHED, "too many pending friend requests: wait for answers");
        }
        if (requests.countTo(c, them) >= MAX_PENDING_REQUESTS) {
          // Bounds what strangers can make one user store, the events at their login and their
          // friends list.
          throw new RelayException(
              ErrorCode.LIMIT_REACHED,
              name
                  + " has "
                  + MAX_PENDING_REQUESTS
                  + " friend requests waiting for an answer, this relay's limit: try again later");
        }
        requests.add(c, me, them, now);
        return new Outcome(name, FriendState.OUTGOING, Optional.of(FriendChange.REQUESTED));
      case ACCEPT:
        if (!requests.exists(c, them, me)) {
          throw friendships.exists(c, me, them)
              ? new RelayException(ErrorCode.ALREADY_FRIENDS, "already friends with " + name)
              : new RelayException(ErrorCode.NO_FRIEND_REQUEST, "no friend request from " + name);
        }
        return befriend(c, me, other, now);
      case DECLINE:
        if (!requests.remove(c, them, me)) {
          throw new RelayException(ErrorCode.NO_FRIEND_REQUEST, "no friend request from " + name);
        }
        return new Outcome(name, FriendState.NONE, Optional.of(FriendChange.DECLINED));
      case REMOVE:
        if (friendships.remove(c, me, them) || requests.remove(c, me, them)) {
          return new Outcome(name, FriendState.NONE, Optional.of(FriendChange.REMOVED));
        }
        throw new RelayException(
            ErrorCode.NOT_FRIENDS, "not friends with " + name + " and no pending request");
      default:
        throw new IllegalStateException("unhandled friend action " + action);
    }
  }

  /**
   * Answers {@code other}'s pending request to the caller: they become friends, within the limit on
   * both sides (refused, the request stays pending and nothing changes).
   */
  private Outcome befriend(Connection c, String me, UserRow other, long now) throws SQLException {
    requireRoomForFriend(c, me, other);
    requests.remove(c, other.userKey(), me);
    friendships.add(c, me, other.userKey(), now);
    return new Outcome(other.username(), FriendState.FRIENDS, Optional.of(FriendChange.ACCEPTED));
  }

  /**
   * Refuses with {@link ErrorCode#LIMIT_REACHED} if the caller or {@code other} already has {@code
   * --max-friends} friends, saying whose list is full: a friends list is bounded by the relay, not
   * only by what its owner accepts.
   */
  private void requireRoomForFriend(Connection c, String me, UserRow other) throws SQLException {
    int mine = friendships.count(c, me);
    if (mine >= maxFriends) {
      throw new RelayException(
          ErrorCode.LIMIT_REACHED,
          "you have " + friends(mine) + ", this relay's limit: remove a friend first");
    }
    int theirs = friendships.count(c, other.userKey());
    if (theirs >= maxFriends) {
      throw new RelayException(
          ErrorCode.LIMIT_REACHED,
          other.username()
              + " has "
              + friends(theirs)
              + ", this relay's limit: "
              + other.username()
              + " must remove a friend before you can be friends");
    }
  }

  private static String friends(int count) {
    return count == 1 ? "1 friend" : count + " friends";
  }

  /**
   * The caller's friends (with presence) and requests to and from them. From wire version 6 one
   * page of them that fits a frame ({@link ListPage}), in order of lowercase usernames, after the
   * request's cursor; before, the whole list, ordered friends, outgoing, incoming, then by name.
   */
  public FriendsReply list(ClientConnection connection, ListFriendsRequest request) {
    String me = connection.state().requireUserKey();
    boolean paged = connection.state().version() >= ProtocolVersions.PAGED_FRIENDS;
    Map<String, Listed> all = storage.read(c -> listed(c, me));
    ListPage<FriendInfo> page =
        ListPage.of(
            new ArrayList<>(all.keySet()),
            request.after() == null ? null : Usernames.key(request.after()),
            key -> info(key, all.get(key)),
            friend ->
                ListPage.jsonBytes(
                    friend.username(),
                    friend.state().name(),
                    friend.status() == null ? null : friend.status().name(),
                    friend.message()),
            FriendInfo::username,
            paged ? pageBudgetBytes : 0);
    if (paged) {
      return new FriendsReply(request.id(), page.entries(), page.next());
    }
    List<FriendInfo> out = new ArrayList<>(page.entries());
    out.sort(
        Comparator.comparing(FriendInfo::state)
            .thenComparing(f -> f.username().toLowerCase(Locale.ROOT)));
    return new FriendsReply(request.id(), out);
  }

  /** A listed user: their username as registered and where they stand with the caller. */
  private record Listed(String username, FriendState state) {}

  /** Friends, then requests both ways, of {@code me}, by user key. */
  private SortedMap<String, Listed> listed(Connection c, String me) throws SQLException {
    SortedMap<String, Listed> out = new TreeMap<>();
    friendships
        .friends(c, me)
        .forEach((key, name) -> out.putIfAbsent(key, new Listed(name, FriendState.FRIENDS)));
    requests
        .outgoing(c, me)
        .forEach((key, name) -> out.putIfAbsent(key, new Listed(name, FriendState.OUTGOING)));
    requests
        .incoming(c, me)
        .forEach((key, name) -> out.putIfAbsent(key, new Listed(name, FriendState.INCOMING)));
    return out;
  }

  /** {@code listed} as a reply entry: a friend with their presence, a request without. */
  private FriendInfo info(String key, Listed listed) {
    if (listed.state() != FriendState.FRIENDS) {
      return new FriendInfo(listed.username(), listed.state(), null, null);
    }
    PresenceStatus status = presence.status(key, router.isOnline(key));
    String message = status == PresenceStatus.AWAY ? presence.message(key).orElse(null) : null;
    return new FriendInfo(listed.username(), FriendState.FRIENDS, status, message);
  }

  /** The usernames who asked {@code userKey} and are waiting for an answer. */
  List<String> pendingRequestsTo(String userKey) {
    return new ArrayList<>(storage.read(c -> requests.incoming(c, userKey)).values());
  }
}
