package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.Newest;
import chat.crypto.Bytes;
import chat.crypto.Fingerprint;
import chat.crypto.IdentityBundle;
import chat.crypto.Recipient;
import chat.crypto.RecipientSet;
import chat.protocol.ListMembersRequest;
import chat.protocol.MemberInfo;
import chat.protocol.MembersReply;
import chat.protocol.Usernames;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The member lists of conversations as the relay last reported them, fetched on demand and dropped
 * when a membership event says they changed. It also remembers the recipient-set hashes of recent
 * memberships, so that a message sealed just before or after a join or leave is not mistaken for
 * one sealed to a set of members this client never saw, and checks each list against the members
 * the relay announced ({@link AnnouncedMembers}).
 *
 * <p>Recipient sets are kept for the {@link #MAX_RECENT_CONVERSATIONS} conversations whose list was
 * fetched or checked most recently: a relay can answer lists for conversations it invents (and drop
 * the connection, or list others at the next login, so that they are never left). A conversation
 * forgotten is one never fetched: its next live message is checked against a list fetched anew, and
 * if that does not explain it either the person is told, as when the relay lists other members,
 * which it can always do. A forgotten set never makes a message look explained.
 */
final class MemberCache {
  /** How long an earlier membership still explains a recipient set. */
  static final long RECENT_MILLIS = 5 * 60_000;

  /**
   * Conversations whose recent recipient sets are kept: far more than receive live messages within
   * {@link #RECENT_MILLIS} of one another.
   */
  static final int MAX_RECENT_CONVERSATIONS = 1024;

  /** Recipient sets kept for one conversation, the latest. */
  private static final int MAX_RECENT_PER_CONVERSATION = 16;

  /**
   * A recipient set of a membership, fetched at {@code atMillis}: with the pinned keys ({@code
   * otherKeys} empty), or with the keys the relay lists, which differ from the pins of {@code
   * otherKeys}. {@code listed} holds its members' {@link Usernames#key}s, sorted: the same strings
   * as the list's where a name is in lowercase already (while that list is the one cached), and at
   * most {@link #MAX_NAMES_KEPT} over all snapshots.
   */
  private static final class Snapshot {
    private final Bytes hash;
    private final long atMillis;
    private final List<String> otherKeys;

    /** Null once forgotten ({@link #MAX_NAMES_KEPT}); guarded by {@link #recent}. */
    private String[] listed;

    Snapshot(Bytes hash, long atMillis, List<String> otherKeys, String[] listed) {
      this.hash = hash;
      this.atMillis = atMillis;
      this.otherKeys = otherKeys;
      this.listed = listed;
    }

    Bytes hash() {
      return hash;
    }

    long atMillis() {
      return atMillis;
    }

    List<String> otherKeys() {
      return otherKeys;
    }

    /** Whether it lists {@code username}: true once its names are forgotten. */
    boolean lists(String username) {
      return listed == null || Arrays.binarySearch(listed, Usernames.key(username)) >= 0;
    }

    /** Forgets the names; returns how many it held. */
    int forget() {
      int held = listed == null ? 0 : listed.length;
      listed = null;
      return held;
    }
  }

  /**
   * Names the recent snapshots hold in all, at most. A relay can answer each list fetched with up
   * to {@link Pages#MAX_MEMBERS} names of its own making, each a string only that snapshot holds
   * once the list is fetched again: without this bound the {@link #MAX_RECENT_PER_CONVERSATION}
   * snapshots of each of {@link #MAX_RECENT_CONVERSATIONS} conversations could hold that many each.
   * Past it the oldest snapshots forget their names, and one that has forgotten them lists anyone
   * ({@link #leavesOut}): a forgotten list never makes a sender look unlisted.
   */
  static final int MAX_NAMES_KEPT = 4 * Pages.MAX_MEMBERS;

  private final Supplier<RelayConnection> connection;
  private final ContactStore contacts;
  private final Clock clock;
  private final UnaryOperator<String> label;
  private final AnnouncedMembers told;
  private final ScheduledExecutorService timer;
  private final Map<String, List<MemberInfo>> lists = new ConcurrentHashMap<>();

  /** Guarded by itself, as are the deques it holds. */
  private final Map<String, Deque<Snapshot>> recent = new Newest<>(MAX_RECENT_CONVERSATIONS);

  /** The snapshots that still hold their names, oldest first; guarded by {@link #recent}. */
  private final Deque<Snapshot> named = new ArrayDeque<>();

  /** The names {@link #named} holds; guarded by {@link #recent}. */
  private long namesKept;

  /**
   * A cache asking the relay through {@code connection}.
   *
   * @param label names a conversation as the person does, in the notice and the refusal of a send
   *     about such members (a private one as {@code @bob})
   * @param notice tells the person (conversation, text) about members nobody announced
   * @param timer runs the check that reports such a member when their grace period ends
   */
  MemberCache(
      Supplier<RelayConnection> connection,
      ContactStore contacts,
      Clock clock,
      UnaryOperator<String> label,
      BiConsumer<String, String> notice,
      ScheduledExecutorService timer) {
    this.connection = connection;
    this.contacts = contacts;
    this.clock = clock;
    this.label = label;
    this.told = new AnnouncedMembers(AnnouncedMembers.GRACE, System::nanoTime, label, notice);
    this.timer = timer;
  }

  /** The members of {@code conversation}, from the cache or the relay. */
  List<MemberInfo> members(String conversation) {
    List<MemberInfo> cached = lists.get(conversation);
    return cached != null ? cached : refresh(conversation);
  }

  /** Asks the relay for the members of {@code conversation} and caches them. */
  List<MemberInfo> refresh(String conversation) {
    RelayConnection relay = connection.get();
    long since = told.mark();
    // a wire version 5 relay answers in pages, each naming where the next starts
    List<MemberInfo> members =
        List.copyOf(
            Pages.walk(
                after -> {
                  MembersReply reply =
                      relay.call(
                          new ListMembersRequest(relay.nextId(), conversation, after),
                          MembersReply.class);
                  return new Pages.Page<>(reply.members(), reply.next());
                },
                Pages.MAX_MEMBERS,
                "members of "
                    + label.apply(conversation)
                    + ", more than a message can be sealed to"));
    Bytes hash = recipientSetHash(conversation, members);
    lists.put(conversation, members);
    String[] listed =
        members.stream().map(m -> Usernames.key(m.username())).sorted().toArray(String[]::new);
    remember(conversation, hash, List.of(), listed);
    List<String> otherKeys = otherKeys(members);
    if (!otherKeys.isEmpty()) {
      listedKeysHash(members).ifPresent(keys -> remember(conversation, keys, otherKeys, listed));
    }
    if (told.listed(conversation, members.stream().map(MemberInfo::username).toList(), since)) {
      try {
        // Reported when the grace ends without the join event, even if nothing is sent meanwhile.
        timer.schedule(
            () -> told.settle(conversation),
            AnnouncedMembers.GRACE.toMillis() + 1,
            TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        // The client is closing: a send would still take them (requireAnnounced).
      }
    }
    return members;
  }

  /**
   * Starts this client's own join of {@code conversation}; returns what to pass to {@link
   * #baseline} with the reply (see {@link AnnouncedMembers#joining}).
   */
  long joining(String conversation) {
    return told.joining(conversation);
  }

  /** Sets the members this client was told about, from the reply to its own join. */
  void baseline(String conversation, Collection<String> usernames, long since) {
    told.baseline(conversation, usernames, since);
  }

  /**
   * Records a join or leave (a kick or ban is a leave) the relay announced, so that the next list
   * does not flag a member who joined, and does flag one who left and is listed again unannounced.
   */
  void announced(String conversation, String username, boolean joined) {
    told.announced(conversation, username, joined);
  }

  /**
   * Refuses a send to {@code conversation} once when the relay listed members there that nobody
   * announced: takes the members reported since the last call (waiting out the grace period of any
   * still unexplained), so that sending again encrypts to them. Every send takes them, a message or
   * a file offer; looking at the member list does not.
   *
   * @throws CommandException.Untrusted naming those members, if there are any
   */
  void requireAnnounced(String conversation) {
    List<String> unannounced = told.takeUnannounced(conversation);
    if (!unannounced.isEmpty()) {
      throw new CommandException.MembersUnannounced(
          conversation, label.apply(conversation), unannounced);
    }
  }

  /**
   * Forgets {@code conversation} entirely (its list, the recent lists' recipient sets, who was
   * announced there): this client left it, or is not in it.
   */
  void left(String conversation) {
    lists.remove(conversation);
    synchronized (recent) {
      recent.remove(conversation);
    }
    told.forget(conversation);
  }

  /** The cached list, if any, without asking the relay. */
  Optional<List<MemberInfo>> cached(String conversation) {
    return Optional.ofNullable(lists.get(conversation));
  }

  /** Forgets the list of {@code conversation}; the next use asks the relay. */
  void invalidate(String conversation) {
    lists.remove(conversation);
  }

  /** Forgets every list (after a reconnect). */
  void clear() {
    lists.clear();
  }

  /**
   * Whether {@code hash} is the recipient set of a membership this client knows now or knew
   * recently, with the keys it holds ({@link #explanation} with no member named).
   */
  boolean explains(String conversation, Bytes hash) {
    return explanation(conversation, hash).filter(List::isEmpty).isPresent();
  }

  /**
   * Whether {@code hash} is the recipient set of the membership this client knows now or knew
   * recently, with each member's pinned key (or the relay's, for members never pinned): then an
   * empty list. Else, whether it is that set with the keys the relay lists: then the members whose
   * pinned key differs from it, the keys a sender who accepted their new keys seals to while this
   * client has not. Empty if neither.
   */
  Optional<List<String>> explanation(String conversation, Bytes hash) {
    long cutoff = clock.millis() - RECENT_MILLIS;
    synchronized (recent) {
      Deque<Snapshot> snapshots = recent.get(conversation);
      if (snapshots == null) {
        return Optional.empty();
      }
      List<Snapshot> matching =
          snapshots.stream()
              .filter(snapshot -> snapshot.atMillis() >= cutoff && snapshot.hash().equals(hash))
              .toList();
      return matching.stream()
          .map(Snapshot::otherKeys)
          .filter(List::isEmpty)
          .findFirst()
          .or(() -> matching.stream().map(Snapshot::otherKeys).findFirst());
    }
  }

  /**
   * Whether the memberships this client keeps whose recipient set is {@code hash} all leave out
   * {@code username}: false if one lists them, or if none has that set. A member's own client seals
   * to the list it was given, which names that member, so a message whose set is a list without its
   * sender was not sealed by a member of the list. A membership kept past {@link #RECENT_MILLIS}
   * still counts (a message it explained a moment ago is not said to come from outside as it ages),
   * and one whose names were forgotten ({@link #MAX_NAMES_KEPT}) lists anyone.
   */
  boolean leavesOut(String conversation, Bytes hash, String username) {
    synchronized (recent) {
      Deque<Snapshot> snapshots = recent.get(conversation);
      if (snapshots == null) {
        return false;
      }
      List<Snapshot> matching = snapshots.stream().filter(s -> s.hash().equals(hash)).toList();
      return !matching.isEmpty() && matching.stream().noneMatch(s -> s.lists(username));
    }
  }

  /**
   * {@link #explanation}, after fetching the member list again unless the keys this client holds
   * explain {@code hash}: a key accepted since, or a member who joined, may explain it now.
   */
  Optional<List<String>> explanationFetching(String conversation, Bytes hash) {
    Optional<List<String>> explained = explanation(conversation, hash);
    if (explained.isPresent() && explained.get().isEmpty()) {
      return explained;
    }
    refresh(conversation);
    return explanation(conversation, hash);
  }

  /** How many names the recent snapshots hold at most (for tests). */
  long namesKept() {
    synchronized (recent) {
      return namesKept;
    }
  }

  /** For how many conversations recent recipient sets are kept (for tests). */
  int conversationsRecent() {
    synchronized (recent) {
      return recent.size();
    }
  }

  /**
   * The recipient-set hash of {@code members}, the set a message to {@code conversation} is sealed
   * to; a list no message could be sealed to (empty, a name twice, a name that is not a username)
   * is the relay's fault and refused as such, never kept.
   */
  private Bytes recipientSetHash(String conversation, List<MemberInfo> members) {
    try {
      return RecipientSet.hash(expected(members));
    } catch (IllegalArgumentException e) {
      throw new CommandException.Network(
          "the relay's list of the members of "
              + label.apply(conversation)
              + " is not a set of recipients ("
              + e.getMessage()
              + ")",
          null);
    }
  }

  private void remember(String conversation, Bytes hash, List<String> otherKeys, String[] listed) {
    synchronized (recent) {
      Deque<Snapshot> snapshots = recent.computeIfAbsent(conversation, k -> new ArrayDeque<>());
      Snapshot snapshot = new Snapshot(hash, clock.millis(), otherKeys, listed);
      snapshots.addFirst(snapshot);
      while (snapshots.size() > MAX_RECENT_PER_CONVERSATION) {
        snapshots.removeLast();
      }
      named.addLast(snapshot);
      namesKept += listed.length;
      while (namesKept > MAX_NAMES_KEPT && named.size() > 1) {
        namesKept -= named.removeFirst().forget();
      }
    }
  }

  /** The members whose pinned key is not the one the relay lists for them. */
  private List<String> otherKeys(List<MemberInfo> members) {
    List<String> out = new ArrayList<>();
    for (MemberInfo member : members) {
      Optional<IdentityBundle> pinned = contacts.pinned(member.username());
      if (pinned.isPresent() && !KeyDirectory.listsKey(member, pinned.get())) {
        out.add(member.username());
      }
    }
    return out;
  }

  /**
   * The recipient-set hash of {@code members} with the keys the relay lists for each; empty if that
   * is not a set (the pinned-key hash, made first, has said why).
   */
  private static Optional<Bytes> listedKeysHash(List<MemberInfo> members) {
    try {
      List<Recipient> listed = new ArrayList<>(members.size());
      for (MemberInfo member : members) {
        listed.add(new Recipient(member.username(), listedKey(member)));
      }
      return Optional.of(RecipientSet.hash(listed));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Fingerprint listedKey(MemberInfo member) {
    return Fingerprint.of(HexFormat.of().parseHex(member.keyFingerprint()));
  }

  private List<Recipient> expected(List<MemberInfo> members) {
    List<Recipient> out = new ArrayList<>(members.size());
    for (MemberInfo member : members) {
      Fingerprint key =
          contacts
              .pinned(member.username())
              .map(IdentityBundle::fingerprint)
              .orElseGet(() -> listedKey(member));
      out.add(new Recipient(member.username(), key));
    }
    return out;
  }
}
