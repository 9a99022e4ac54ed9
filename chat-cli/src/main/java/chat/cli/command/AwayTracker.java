package chat.cli.command;

import chat.cli.Newest;
import chat.cli.client.ConnectionState;
import chat.cli.client.FriendView;
import chat.cli.client.Friendship;
import chat.cli.client.MemberView;
import chat.cli.client.Presence;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Who was last heard to be away, so that a front end can tell someone coming back ({@code bob is
 * back}) from someone logging in ({@code bob came online}), and stay quiet when a client that
 * dropped its connection while away says so again after reconnecting. It also keeps who was last
 * heard online or offline, so that after this client's own reconnect the others reconnecting in the
 * same minute ({@link #RECONNECT_STORM}) are not each said to come online (nor away again): someone
 * last heard online, or, when the relay said it was shutting down (everyone reconnects after it
 * restarts), anyone not heard going offline. Someone heard going offline comes online as news. It
 * keeps the {@link #MAX_TRACKED} users heard most recently of each kind: a relay can name any
 * number of made-up users, and one forgotten is only told as coming online rather than back, or
 * going away again after a reconnect, or coming online in that minute.
 */
public final class AwayTracker {
  /** How long after going offline an away state said again counts as the same one. */
  static final Duration RECONNECT_WINDOW = Duration.ofMinutes(5);

  /**
   * How soon after coming back online the away state must be said again to count as restored: a
   * reconnecting client says it at once, a person setting it again takes longer.
   */
  static final Duration RESTORE_WINDOW = Duration.ofSeconds(10);

  /**
   * How long after this client's own reconnect others coming online are taken as reconnecting too,
   * as everyone does after the relay restarts: a client retries at most about 40 seconds apart.
   */
  static final Duration RECONNECT_STORM = Duration.ofMinutes(1);

  /** The most users kept, the one heard longest ago forgotten first. */
  static final int MAX_TRACKED = 4096;

  /** What a presence event changed, as seen by the person reading. */
  public enum Change {
    CAME_ONLINE,
    /**
     * Online while this client reconnects or within {@link #RECONNECT_STORM} of it, last heard
     * online (or, the relay having shut down, not heard going offline): reconnecting as this client
     * did, most likely, and not news.
     */
    STILL_ONLINE,
    /** Online again after being away. */
    BACK,
    WENT_AWAY,
    /** Away with the message already shown (again after a reconnect, or repeated): not news. */
    STILL_AWAY,
    WENT_OFFLINE;

    /** Whether the person is told: not when it only says again what they were shown. */
    public boolean news() {
      return this != STILL_AWAY && this != STILL_ONLINE;
    }
  }

  /** An away state; the times are 0 while the user has stayed connected. */
  private record Away(String message, long offlineSinceMillis, long onlineAgainMillis) {}

  private final Clock clock;

  /** By lowercase username, in the order last heard; guarded by {@code this}. */
  private final Map<String, Away> away = new Newest<>(MAX_TRACKED);

  /**
   * Whether each user was last heard online (or away) or offline, by lowercase username, in the
   * order heard; guarded by {@code this}.
   */
  private final Map<String, Boolean> heardOnline = new Newest<>(MAX_TRACKED);

  /**
   * When a user's coming online was found not to be news ({@link Change#STILL_ONLINE}), so that the
   * away state their client says again right after is not news either; guarded by {@code this}.
   */
  private final Map<String, Long> quietOnline = new Newest<>(MAX_TRACKED);

  /** How many presence events were heard ({@link #mark}); guarded by {@code this}. */
  private long heardCount;

  /** The {@link #heardCount} at each user's last event, by lowercase username; guarded by this. */
  private final Map<String, Long> heardAt = new Newest<>(MAX_TRACKED);

  /** When this client's connection was last back after a loss, else 0; guarded by {@code this}. */
  private long reconnectedMillis;

  /** Whether this client is reconnecting after a loss; guarded by {@code this}. */
  private boolean reconnecting;

  /** Whether the loss being recovered from came as the relay shut down; guarded by {@code this}. */
  private boolean relayRestarted;

  private volatile String viewer;

  /** A tracker on the system clock. */
  public AwayTracker() {
    this(Clock.systemUTC());
  }

  /** A tracker on {@code clock}. */
  public AwayTracker(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * This client's own connection is now {@code state}, for the reason {@code detail}. Any other
   * state than online means it hears nothing until it is back, so everyone away is taken as having
   * gone offline now (their coming online and saying away again after the reconnect is then not
   * news). Reconnecting, and {@link #RECONNECT_STORM} from being back, others coming online may be
   * reconnecting too; a log-in starts no such minute, and a logout ends it.
   */
  public synchronized void connection(ConnectionState state, String detail) {
    long now = clock.millis();
    switch (state) {
      case ONLINE -> {
        if (reconnecting) {
          reconnectedMillis = now;
          reconnecting = false;
        }
        return;
      }
      case RECONNECTING -> {
        boolean shutDown = detail != null && detail.startsWith(ConnectionState.RELAY_SHUTTING_DOWN);
        relayRestarted = reconnecting ? relayRestarted || shutDown : shutDown;
        reconnecting = true;
      }
      default -> {
        reconnecting = false;
        reconnectedMillis = 0;
        relayRestarted = false;
      }
    }
    away.replaceAll(
        (key, was) -> was.offlineSinceMillis() == 0 ? new Away(was.message(), now, 0) : was);
  }

  private boolean inReconnectMinute(long now) {
    return reconnecting
        || reconnectedMillis != 0 && now - reconnectedMillis <= RECONNECT_STORM.toMillis();
  }

  /**
   * How many presence events were heard so far: taken before a list is asked for, and given to
   * {@link #listed} with what it lists, so that an event heard meanwhile is not undone by it.
   */
  public synchronized long mark() {
    return heardCount;
  }

  /**
   * Notes {@code username}'s {@code presence} as a member list fetched from the relay gives it: the
   * state as it is, not a change, so nothing is announced. After this client's own reconnect it is
   * how a member who stayed connected and away is told from one who went offline: coming online
   * later is then {@link Change#BACK}. A list asked for when {@link #mark} was {@code askedAt} says
   * nothing of one heard of since: their event is newer, or as new, and stands ({@link
   * Long#MAX_VALUE}: a list that took in what was heard since).
   */
  public synchronized void listed(String self, String username, Presence presence, long askedAt) {
    viewedBy(self);
    String key = username.toLowerCase(Locale.ROOT);
    Long heard = heardAt.get(key);
    if (heard != null && heard > askedAt) {
      return;
    }
    if (presence.status() != Presence.Status.OFFLINE) {
      heardOnline.put(key, true);
    } else if (!inReconnectMinute(clock.millis())) {
      heardOnline.put(key, false); // listed offline while others reconnect: maybe not for long
    }
    switch (presence.status()) {
      case AWAY -> away.put(key, new Away(presence.message(), 0, 0));
      case OFFLINE ->
          away.computeIfPresent(
              key,
              (k, state) ->
                  state.offlineSinceMillis() == 0
                      ? new Away(state.message(), clock.millis(), 0)
                      : state);
      default ->
          away.computeIfPresent(
              key,
              // Away when last heard, and online by the list: back, or reconnecting (after this
              // client, or a relay restart) with their away state said again in a moment, which
              // is then not news. Kept as an online heard, as observe keeps one.
              (k, state) ->
                  state.offlineSinceMillis() != 0 && state.onlineAgainMillis() == 0
                      ? new Away(state.message(), state.offlineSinceMillis(), clock.millis())
                      : null);
    }
  }

  /** {@link #listed} for each friend of a friends list (not the requests it holds). */
  public synchronized void listedFriends(String self, List<FriendView> friends, long askedAt) {
    for (FriendView friend : friends) {
      if (friend.friendship() == Friendship.FRIENDS) {
        listed(self, friend.username(), friend.presence(), askedAt);
      }
    }
  }

  /** {@link #listed} for each member of a member list but {@code self}. */
  public synchronized void listedMembers(String self, List<MemberView> members, long askedAt) {
    for (MemberView member : members) {
      if (!member.username().equalsIgnoreCase(self)) {
        listed(self, member.username(), member.presence(), askedAt);
      }
    }
  }

  /**
   * Notes {@code username}'s new {@code presence} as {@code self} heard it (another {@code self}
   * than before starts afresh: what one user saw is not another's) and says what changed.
   */
  public synchronized Change observe(String self, String username, Presence presence) {
    viewedBy(self);
    String key = username.toLowerCase(Locale.ROOT);
    heardAt.put(key, ++heardCount);
    long now = clock.millis();
    Change change = awayChange(key, presence, now);
    if (presence.status() == Presence.Status.OFFLINE) {
      heardOnline.put(key, false);
      quietOnline.remove(key);
      return change;
    }
    Boolean wasOnline = heardOnline.put(key, true);
    if (change == Change.CAME_ONLINE
        && inReconnectMinute(now)
        && (Boolean.TRUE.equals(wasOnline) || (wasOnline == null && relayRestarted))) {
      quietOnline.put(key, now);
      return Change.STILL_ONLINE;
    }
    Long quietSince = quietOnline.remove(key);
    if (change == Change.WENT_AWAY
        && quietSince != null
        && now - quietSince <= RESTORE_WINDOW.toMillis()) {
      return Change.STILL_AWAY; // their client saying again, as it reconnects, what it said before
    }
    return change;
  }

  /**
   * Another {@code self} than before starts afresh: what one user saw is not another's. The state
   * of the connection is kept: it is the new user's.
   */
  private void viewedBy(String self) {
    if (!Objects.equals(self, viewer)) {
      away.clear();
      heardOnline.clear();
      quietOnline.clear();
      heardAt.clear();
      viewer = self;
    }
  }

  private Change awayChange(String key, Presence presence, long now) {
    Away before = away.get(key);
    switch (presence.status()) {
      case AWAY -> {
        away.put(key, new Away(presence.message(), 0, 0));
        boolean same = before != null && before.message().equals(presence.message());
        boolean restored =
            before != null
                && (before.offlineSinceMillis() == 0
                    // heard again without an online in between (this client was the one away)
                    || (before.onlineAgainMillis() == 0
                        && now - before.offlineSinceMillis() <= RECONNECT_WINDOW.toMillis())
                    || (before.onlineAgainMillis() != 0
                        && before.onlineAgainMillis() - before.offlineSinceMillis()
                            <= RECONNECT_WINDOW.toMillis()
                        && now - before.onlineAgainMillis() <= RESTORE_WINDOW.toMillis()));
        return same && restored ? Change.STILL_AWAY : Change.WENT_AWAY;
      }
      case OFFLINE -> {
        if (before != null) {
          away.put(key, new Away(before.message(), now, 0));
        }
        return Change.WENT_OFFLINE;
      }
      default -> {
        if (before == null) {
          return Change.CAME_ONLINE;
        }
        if (before.offlineSinceMillis() == 0) {
          away.remove(key);
          return Change.BACK;
        }
        if (before.onlineAgainMillis() == 0) {
          away.put(key, new Away(before.message(), before.offlineSinceMillis(), now));
        } else {
          away.remove(key); // online again without saying away: that state is over
        }
        return Change.CAME_ONLINE;
      }
    }
  }

  /** How many users away are kept. */
  synchronized int tracked() {
    return away.size();
  }

  /** How many users heard online or offline are kept. */
  synchronized int trackedHeard() {
    return heardOnline.size();
  }
}
