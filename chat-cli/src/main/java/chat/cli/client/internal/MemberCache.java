package chat.cli.client.internal;

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
import java.util.Collection;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The member lists of conversations as the relay last reported them, fetched on demand and dropped
 * when a membership event says they changed. It also remembers the recipient-set hashes of recent
 * memberships, so that a message sealed just before or after a join or leave is not mistaken for
 * one sealed to a set of members this client never saw.
 */
final class MemberCache {
  /** How long an earlier membership still explains a recipient set. */
  static final long RECENT_MILLIS = 5 * 60_000;

  private record Snapshot(Bytes hash, long atMillis) {}

  private final Supplier<RelayConnection> connection;
  private final ContactStore contacts;
  private final Clock clock;
  private final BiConsumer<String, String> notice;
  private final Map<String, List<MemberInfo>> lists = new ConcurrentHashMap<>();
  private final Map<String, Deque<Snapshot>> recent = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> known = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> unannounced = new ConcurrentHashMap<>();

  /**
   * A cache asking the relay through {@code connection}.
   *
   * @param notice tells the person (conversation, text) about members nobody announced
   */
  MemberCache(
      Supplier<RelayConnection> connection,
      ContactStore contacts,
      Clock clock,
      BiConsumer<String, String> notice) {
    this.connection = connection;
    this.contacts = contacts;
    this.clock = clock;
    this.notice = notice;
  }

  /** The members of {@code conversation}, from the cache or the relay. */
  List<MemberInfo> members(String conversation) {
    List<MemberInfo> cached = lists.get(conversation);
    return cached != null ? cached : refresh(conversation);
  }

  /** Asks the relay for the members of {@code conversation} and caches them. */
  List<MemberInfo> refresh(String conversation) {
    RelayConnection relay = connection.get();
    MembersReply reply =
        relay.call(new ListMembersRequest(relay.nextId(), conversation), MembersReply.class);
    List<MemberInfo> members = reply.members();
    lists.put(conversation, members);
    remember(conversation, members);
    compareWithKnown(conversation, members);
    return members;
  }

  /**
   * Checks a fresh list against the members this client was told about (the list it saw before,
   * plus announced joins). A member the relay added silently would receive everything sent here, so
   * the person is told, and the next send asks for a second try ({@link #takeUnannounced}).
   */
  private void compareWithKnown(String conversation, List<MemberInfo> members) {
    Map<String, String> now = new TreeMap<>();
    for (MemberInfo member : members) {
      now.put(Usernames.key(member.username()), member.username());
    }
    Set<String> keys = ConcurrentHashMap.newKeySet();
    keys.addAll(now.keySet());
    Set<String> before = known.put(conversation, keys);
    if (before == null) {
      return;
    }
    List<String> added = new ArrayList<>();
    now.forEach(
        (key, name) -> {
          if (!before.contains(key)) {
            added.add(name);
          }
        });
    if (!added.isEmpty()) {
      unannounced.computeIfAbsent(conversation, k -> ConcurrentHashMap.newKeySet()).addAll(added);
      notice.accept(
          conversation,
          "the relay lists "
              + String.join(", ", added)
              + " as "
              + (added.size() == 1 ? "a member" : "members")
              + " of "
              + conversation
              + " without having announced the join to this client; what you send there is"
              + " encrypted to them too");
    }
  }

  /** Records a join or leave the relay announced, so that the next list does not flag it. */
  void announced(String conversation, String username, boolean joined) {
    Set<String> members = known.get(conversation);
    if (members != null) {
      if (joined) {
        members.add(Usernames.key(username));
      } else {
        members.remove(Usernames.key(username));
      }
    }
  }

  /** Sets the members this client was told about, from a join reply. */
  void baseline(String conversation, Collection<String> usernames) {
    Set<String> keys = ConcurrentHashMap.newKeySet();
    usernames.forEach(name -> keys.add(Usernames.key(name)));
    known.put(conversation, keys);
  }

  /**
   * The members of {@code conversation} that appeared without an announcement since the last call,
   * sorted; the call clears them.
   */
  List<String> takeUnannounced(String conversation) {
    Set<String> names = unannounced.remove(conversation);
    return names == null ? List.of() : names.stream().sorted().toList();
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
   * Whether {@code hash} is the recipient set of the membership this client knows now or knew
   * recently, with each member's pinned key (or the relay's, for members never pinned).
   */
  boolean explains(String conversation, Bytes hash) {
    Deque<Snapshot> snapshots = recent.get(conversation);
    if (snapshots == null) {
      return false;
    }
    long cutoff = clock.millis() - RECENT_MILLIS;
    synchronized (snapshots) {
      for (Snapshot snapshot : snapshots) {
        if (snapshot.atMillis() >= cutoff && snapshot.hash().equals(hash)) {
          return true;
        }
      }
    }
    return false;
  }

  private void remember(String conversation, List<MemberInfo> members) {
    Bytes hash = RecipientSet.hash(expected(members));
    Deque<Snapshot> snapshots = recent.computeIfAbsent(conversation, k -> new ArrayDeque<>());
    synchronized (snapshots) {
      snapshots.addFirst(new Snapshot(hash, clock.millis()));
      while (snapshots.size() > 8) {
        snapshots.removeLast();
      }
    }
  }

  private List<Recipient> expected(List<MemberInfo> members) {
    List<Recipient> out = new ArrayList<>(members.size());
    for (MemberInfo member : members) {
      Fingerprint key =
          contacts
              .pinned(member.username())
              .map(IdentityBundle::fingerprint)
              .orElseGet(() -> Fingerprint.of(HexFormat.of().parseHex(member.keyFingerprint())));
      out.add(new Recipient(member.username(), key));
    }
    return out;
  }
}
