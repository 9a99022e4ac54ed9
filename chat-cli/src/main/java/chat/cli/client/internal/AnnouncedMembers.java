package chat.cli.client.internal;

import chat.cli.Newest;
import chat.protocol.Usernames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * Who this client was told is in each conversation (the join reply's list, then every announced
 * join and leave, a kick or ban being a leave), checked against the member lists the relay sends. A
 * member a list shows beyond that would receive everything sent there without anyone having seen
 * them join, so after a grace period they are reported once and the next send there is refused once
 * ({@link #takeUnannounced}). Being told is tied to being there: a member who left or was removed
 * and is listed again is reported unless that return was announced too.
 *
 * <p>The relay answers a request and pushes another user's join from different threads, so a list
 * and a join event can arrive in either order even though the join happened first. Three rules keep
 * that race from looking like a hidden member:
 *
 * <ul>
 *   <li>every announcement is numbered in the order it arrived, even before this client has a list
 *       for the conversation, and one that arrived after a request was sent is applied on top of
 *       that request's answer (the answer may predate it);
 *   <li>this client's own join starts afresh: its reply, plus what was announced since it was
 *       asked, is the first set of known members;
 *   <li>a listed member whose join is not announced yet is only reported when {@link #GRACE} passes
 *       without the announcement.
 * </ul>
 *
 * <p>An announcement matters only to a list asked for before it arrived, so few are needed at any
 * time; but the relay can announce joins of made-up users in conversations it invents, and a
 * conversation this client is not in must still keep what is announced (its own join may be on its
 * way). So it keeps the latest announcement of at most {@link #MAX_HEARD_PER_CONVERSATION} members
 * in each of at most {@link #MAX_HEARD_CONVERSATIONS} conversations, and forgets the one heard
 * longest ago past either. A forgotten announcement is one never sent, which a relay can always do:
 * a join then makes the member look unannounced (reported, never hidden), a leave keeps them
 * listed.
 *
 * <p>In a conversation this client is in, announced joins add to the members it was told about
 * until the next list replaces them, and the relay can announce any number of made-up users there.
 * So at most {@link #MAX_JOINED_PER_CONVERSATION} members are kept beyond the last list (or join
 * reply), forgetting the one whose join was announced longest ago: a forgotten member is one whose
 * join was never announced, reported if a list names them (never hidden).
 *
 * <p>Thread-safe: announcements come in on the connection's reader thread, lists and sends on
 * others.
 */
final class AnnouncedMembers {
  /** How long a listed member's join event may lag the list before the member is reported. */
  static final Duration GRACE = Duration.ofSeconds(2);

  /**
   * Conversations whose announcements are kept: far more than announce a change while one list is
   * on its way.
   */
  static final int MAX_HEARD_CONVERSATIONS = 256;

  /** Members whose latest announcement is kept in one conversation. */
  static final int MAX_HEARD_PER_CONVERSATION = 256;

  /**
   * Members kept in one conversation beyond its last list, from joins announced since: far more
   * than join between two lists.
   */
  static final int MAX_JOINED_PER_CONVERSATION = 256;

  /** An announced join or leave, with its place in the order announcements arrived. */
  private record Heard(boolean joined, long order) {}

  /** A listed member whose join was not announced (yet), with the end of their grace period. */
  private record Unexplained(String username, long deadlineNanos) {}

  private final long graceNanos;
  private final LongSupplier nanoTime;
  private final UnaryOperator<String> label;
  private final BiConsumer<String, String> notice;
  private long heardCount;
  private final Map<String, Told> known = new HashMap<>();
  private final Map<String, Map<String, Heard>> heard = new Newest<>(MAX_HEARD_CONVERSATIONS);
  private final Map<String, Map<String, Unexplained>> waiting = new HashMap<>();
  private final Map<String, Set<String>> unannounced = new HashMap<>();

  /**
   * @param grace how long a listed member's join event may lag the list
   * @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime})
   * @param label names a conversation in the notice as the person does (a private one as {@code
   *     @bob}, see {@link chat.cli.client.ConversationLabel})
   * @param notice tells the person (conversation, text) about a member nobody announced
   */
  AnnouncedMembers(
      Duration grace,
      LongSupplier nanoTime,
      UnaryOperator<String> label,
      BiConsumer<String, String> notice) {
    this.graceNanos = grace.toNanos();
    this.nanoTime = nanoTime;
    this.label = label;
    this.notice = notice;
  }

  /**
   * How many announcements have arrived so far; taken just before sending a request whose answer
   * lists members, and passed back with that answer.
   */
  synchronized long mark() {
    return heardCount;
  }

  /**
   * This client is about to join {@code conversation}: forgets what it heard and found there
   * before, and returns the {@link #mark} to pass to {@link #baseline} with the reply.
   */
  synchronized long joining(String conversation) {
    heard.remove(conversation);
    waiting.remove(conversation);
    unannounced.remove(conversation);
    return heardCount;
  }

  /** A join or leave (or removal) the relay announced, or this client's own kick or ban did. */
  synchronized void announced(String conversation, String username, boolean joined) {
    String key = Usernames.key(username);
    heard
        .computeIfAbsent(conversation, k -> new Newest<>(MAX_HEARD_PER_CONVERSATION))
        .put(key, new Heard(joined, ++heardCount));
    Told members = known.get(conversation);
    if (members != null) {
      members.announced(key, joined);
    }
    Map<String, Unexplained> pending = waiting.get(conversation);
    if (pending != null && pending.remove(key) != null) {
      notifyAll();
    }
  }

  /**
   * Sets the members this client was told about from its join reply, taken after {@code since}
   * (from {@link #joining}): the reply's list, with what was announced after the request was sent.
   */
  synchronized void baseline(String conversation, Collection<String> usernames, long since) {
    known.put(conversation, new Told(withLaterNews(conversation, usernames, since)));
  }

  /**
   * Compares a member list the relay sent, asked for after {@code since} (a {@link #mark}), with
   * the members this client was told about, and makes it the new set. The first list of a
   * conversation this client did not join in this session is taken as it is. A member it adds with
   * no join announced starts a grace period: their join event may still be on its way.
   *
   * @return whether a member now waits for their grace period to end ({@link #settle} then)
   */
  synchronized boolean listed(String conversation, List<String> usernames, long since) {
    Set<String> now = withLaterNews(conversation, usernames, since);
    Told before = known.put(conversation, new Told(now));
    if (before == null) {
      return false;
    }
    Map<String, Unexplained> pending = waiting.computeIfAbsent(conversation, k -> new HashMap<>());
    pending.keySet().retainAll(now); // gone again before their grace ended: nothing to report
    long deadline = nanoTime.getAsLong() + graceNanos;
    for (String username : usernames) {
      String key = Usernames.key(username);
      if (now.contains(key) && !before.contains(key)) {
        pending.putIfAbsent(key, new Unexplained(username, deadline));
      }
    }
    return !pending.isEmpty();
  }

  /**
   * {@code usernames} as keys, with the joins and leaves announced after {@code since}: the list
   * was made before them, or at the same time.
   */
  private Set<String> withLaterNews(String conversation, Collection<String> usernames, long since) {
    Set<String> keys = new HashSet<>();
    usernames.forEach(name -> keys.add(Usernames.key(name)));
    heard
        .getOrDefault(conversation, Map.of())
        .forEach(
            (key, news) -> {
              if (news.order() > since) {
                if (news.joined()) {
                  keys.add(key);
                } else {
                  keys.remove(key);
                }
              }
            });
    return keys;
  }

  /**
   * Reports the members of {@code conversation} whose grace period has ended with no announcement:
   * one notice naming them, and the next send there is refused once.
   */
  synchronized void settle(String conversation) {
    settle(conversation, false);
  }

  private void settle(String conversation, boolean all) {
    Map<String, Unexplained> pending = waiting.get(conversation);
    if (pending == null) {
      return;
    }
    long now = nanoTime.getAsLong();
    List<String> due = new ArrayList<>();
    pending
        .values()
        .removeIf(
            member -> {
              if (all || now - member.deadlineNanos() >= 0) {
                due.add(member.username());
                return true;
              }
              return false;
            });
    if (due.isEmpty()) {
      return;
    }
    due.sort(null);
    unannounced.computeIfAbsent(conversation, k -> new TreeSet<>()).addAll(due);
    notice.accept(
        conversation,
        listedAsMembers(due, label.apply(conversation))
            + " without having announced the join to this client; what you send there is"
            + " encrypted to them too");
  }

  /**
   * The members of {@code conversation} reported as unannounced since the last call, sorted; the
   * call clears them. A member still in their grace period is waited for first (at most {@link
   * #GRACE}): their join event either arrives or they are reported.
   */
  synchronized List<String> takeUnannounced(String conversation) {
    while (true) {
      settle(conversation);
      Map<String, Unexplained> pending = waiting.getOrDefault(conversation, Map.of());
      if (pending.isEmpty()) {
        break;
      }
      long next = Long.MAX_VALUE;
      for (Unexplained member : pending.values()) {
        next = Math.min(next, member.deadlineNanos() - nanoTime.getAsLong());
      }
      try {
        wait(Math.max(1, Duration.ofNanos(next).toMillis() + 1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        settle(conversation, true); // no time to wait for their join: report them now
        break;
      }
    }
    Set<String> names = unannounced.remove(conversation);
    return names == null ? List.of() : List.copyOf(names);
  }

  /** Forgets {@code conversation}: this client left it. */
  synchronized void forget(String conversation) {
    known.remove(conversation);
    heard.remove(conversation);
    waiting.remove(conversation);
    unannounced.remove(conversation);
  }

  /** In how many conversations announcements are kept (for tests). */
  synchronized int conversationsHeard() {
    return heard.size();
  }

  /** The most members whose announcements are kept in one conversation (for tests). */
  synchronized int mostHeardInOne() {
    return heard.values().stream().mapToInt(Map::size).max().orElse(0);
  }

  /** The most members kept in one conversation this client was told about (for tests). */
  synchronized int mostKnownInOne() {
    return known.values().stream().mapToInt(Told::size).max().orElse(0);
  }

  /**
   * The members this client was told about in one conversation: those of the last list or join
   * reply, less the leaves announced since, and at most {@link #MAX_JOINED_PER_CONVERSATION} whose
   * join was announced since, the latest.
   */
  private static final class Told {
    private final Set<String> listed;
    private final Map<String, Boolean> joined = new Newest<>(MAX_JOINED_PER_CONVERSATION);

    Told(Set<String> listed) {
      this.listed = listed;
    }

    void announced(String key, boolean join) {
      if (!join) {
        listed.remove(key);
        joined.remove(key);
      } else if (!listed.contains(key)) {
        joined.put(key, Boolean.TRUE);
      }
    }

    boolean contains(String key) {
      return listed.contains(key) || joined.containsKey(key);
    }

    int size() {
      return listed.size() + joined.size();
    }
  }

  /** {@code the relay lists bob, carol as members of #ops} ({@code as a member} for one). */
  static String listedAsMembers(List<String> usernames, String label) {
    return "the relay lists "
        + String.join(", ", usernames)
        + " as "
        + (usernames.size() == 1 ? "a member" : "members")
        + " of "
        + label;
  }
}
