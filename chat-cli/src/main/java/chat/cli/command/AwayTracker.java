package chat.cli.command;

import chat.cli.client.Presence;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Who was last heard to be away, so that a front end can tell someone coming back ({@code bob is
 * back}) from someone logging in ({@code bob came online}), and stay quiet when a client that
 * dropped its connection while away says so again after reconnecting. It keeps the {@link
 * #MAX_TRACKED} users heard most recently: a relay can name any number of made-up users away, and
 * one forgotten is only told as coming online rather than back, or going away again after a
 * reconnect: a presence is never left unsaid for it.
 */
public final class AwayTracker {
  /** How long after going offline an away state said again counts as the same one. */
  static final Duration RECONNECT_WINDOW = Duration.ofMinutes(5);

  /**
   * How soon after coming back online the away state must be said again to count as restored: a
   * reconnecting client says it at once, a person setting it again takes longer.
   */
  static final Duration RESTORE_WINDOW = Duration.ofSeconds(10);

  /** The most users kept, the one heard longest ago forgotten first. */
  static final int MAX_TRACKED = 4096;

  /** What a presence event changed, as seen by the person reading. */
  public enum Change {
    CAME_ONLINE,
    /** Online again after being away. */
    BACK,
    WENT_AWAY,
    /** Away with the message already shown (again after a reconnect, or repeated): not news. */
    STILL_AWAY,
    WENT_OFFLINE
  }

  /** An away state; the times are 0 while the user has stayed connected. */
  private record Away(String message, long offlineSinceMillis, long onlineAgainMillis) {}

  private final Clock clock;

  /** By lowercase username, in the order last heard; guarded by {@code this}. */
  private final Map<String, Away> away =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Away> eldest) {
          return size() > MAX_TRACKED;
        }
      };

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
   * This client's own connection dropped: it hears nothing until it is back, so everyone away is
   * taken as having gone offline now (their coming online and saying away again after the reconnect
   * is then not news).
   */
  public synchronized void connectionLost() {
    long now = clock.millis();
    away.replaceAll(
        (key, state) ->
            state.offlineSinceMillis() == 0 ? new Away(state.message(), now, 0) : state);
  }

  /**
   * Notes {@code username}'s {@code presence} as a member list fetched from the relay gives it: the
   * state as it is, not a change, so nothing is announced. After this client's own reconnect it is
   * how a member who stayed connected and away is told from one who went offline: coming online
   * later is then {@link Change#BACK}.
   */
  public synchronized void listed(String self, String username, Presence presence) {
    if (!Objects.equals(self, viewer)) {
      away.clear();
      viewer = self;
    }
    String key = username.toLowerCase(Locale.ROOT);
    switch (presence.status()) {
      case AWAY -> away.put(key, new Away(presence.message(), 0, 0));
      case OFFLINE ->
          away.computeIfPresent(
              key,
              (k, state) ->
                  state.offlineSinceMillis() == 0
                      ? new Away(state.message(), clock.millis(), 0)
                      : state);
      default -> away.remove(key);
    }
  }

  /**
   * Notes {@code username}'s new {@code presence} as {@code self} heard it (another {@code self}
   * than before starts afresh: what one user saw is not another's) and says what changed.
   */
  public synchronized Change observe(String self, String username, Presence presence) {
    if (!Objects.equals(self, viewer)) {
      away.clear();
      viewer = self;
    }
    String key = username.toLowerCase(Locale.ROOT);
    Away before = away.get(key);
    long now = clock.millis();
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

  /** How many users are kept. */
  synchronized int tracked() {
    return away.size();
  }
}
