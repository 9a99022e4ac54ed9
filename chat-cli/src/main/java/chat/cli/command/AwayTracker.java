package chat.cli.command;

import chat.cli.client.Presence;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who was last heard to be away, so that a front end can tell someone coming back ({@code bob is
 * back}) from someone logging in ({@code bob came online}).
 */
public final class AwayTracker {
  private final Set<String> away = ConcurrentHashMap.newKeySet();

  /** Notes {@code username}'s new {@code presence}; returns whether they were away before it. */
  public boolean wasAway(String username, Presence presence) {
    String key = username.toLowerCase(Locale.ROOT);
    return presence.status() == Presence.Status.AWAY ? !away.add(key) : away.remove(key);
  }
}
