package chat.cli.command;

import chat.protocol.Usernames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Log-ins whose line ({@code bob came online}) waits {@link #BRIEF_VISIT} before a front end shows
 * it: going offline within it shows neither line, and a message of theirs within it is line enough,
 * so a one-shot command ({@code chat send}: log in, send, log out) shows only its message. The
 * front end drives the time: the line mode with a timer per log-in ({@link #release}), the full
 * screen at each turn of its loop ({@link #takeDue}). Keyed by {@link Usernames#key}; thread-safe.
 */
public final class HeldLogIns {
  /** How long a log-in's line waits to be shown. */
  public static final Duration BRIEF_VISIT = Duration.ofSeconds(5);

  /** A log-in held: whose, its line, and when it was heard. Compared by identity. */
  public static final class Held {
    private final String username;
    private final String line;
    private final long heardAtMillis;
    private boolean wrote; // guarded by the HeldLogIns

    private Held(String username, String line, long heardAtMillis) {
      this.username = username;
      this.line = line;
      this.heardAtMillis = heardAtMillis;
    }

    /** Who logged in, as the event named them. */
    public String username() {
      return username;
    }

    /** The line to show. */
    public String line() {
      return line;
    }
  }

  private final Map<String, Held> held = new LinkedHashMap<>(); // guarded by this

  /** Holds {@code username}'s log-in, heard at {@code nowMillis}, with its {@code line}. */
  public synchronized Held hold(String username, String line, long nowMillis) {
    Held log = new Held(username, line, nowMillis);
    held.remove(Usernames.key(username)); // a later log-in goes last, as it was heard
    held.put(Usernames.key(username), log);
    return log;
  }

  /** A message of {@code username}'s arrived: their log-in held needs no line of its own. */
  public synchronized void wrote(String username) {
    Held log = held.get(Usernames.key(username));
    if (log != null) {
      log.wrote = true;
    }
  }

  /**
   * {@code username} went offline: true if their log-in was held, a brief visit that shows neither
   * line (taken).
   */
  public synchronized boolean leftWithin(String username) {
    return held.remove(Usernames.key(username)) != null;
  }

  /**
   * Another change of {@code username}'s follows: their log-in held, taken, if it is to be shown
   * first (they wrote nothing since).
   */
  public synchronized Optional<Held> takeBefore(String username) {
    return shown(held.remove(Usernames.key(username)));
  }

  /** {@code log}, taken, if it is still held and to be shown: its time is up. */
  public synchronized Optional<Held> release(Held log) {
    return held.remove(Usernames.key(log.username), log) ? shown(log) : Optional.empty();
  }

  /**
   * The log-ins held for {@link #BRIEF_VISIT} by {@code nowMillis}, or every one ({@code all}: this
   * client's own connection is lost, and whether they stay will not be heard), taken, oldest first;
   * those of someone who wrote meanwhile are taken and not returned.
   */
  public synchronized List<Held> takeDue(long nowMillis, boolean all) {
    List<Held> due = new ArrayList<>();
    for (Iterator<Held> it = held.values().iterator(); it.hasNext(); ) {
      Held log = it.next();
      if (all || nowMillis - log.heardAtMillis >= BRIEF_VISIT.toMillis()) {
        it.remove();
        shown(log).ifPresent(due::add);
      }
    }
    return due;
  }

  /** Forgets the log-ins of those {@code keep} does not accept (by username as heard). */
  public synchronized void retain(Predicate<String> keep) {
    held.values().removeIf(log -> !keep.test(log.username));
  }

  /** Forgets every log-in held. */
  public synchronized void clear() {
    held.clear();
  }

  private static Optional<Held> shown(Held log) {
    return log == null || log.wrote ? Optional.empty() : Optional.of(log);
  }
}
