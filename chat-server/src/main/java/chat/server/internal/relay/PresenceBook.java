package chat.server.internal.relay;

import chat.protocol.PresenceStatus;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who said they are away, and their away message, in memory: an away state lasts until the user
 * comes back or their last connection ends. Online and offline come from the {@link Router}; a
 * cross-node deployment replaces this together with the router.
 */
public final class PresenceBook {
  private final Map<String, String> away = new ConcurrentHashMap<>();

  /** Marks {@code userKey} away with {@code message} (empty for none). */
  public void away(String userKey, String message) {
    away.put(userKey, message == null ? "" : message);
  }

  /** Marks {@code userKey} back; true if they were away. */
  public boolean back(String userKey) {
    return away.remove(userKey) != null;
  }

  /** Forgets the away state (the user's first connection came in or last one went). */
  public void clear(String userKey) {
    away.remove(userKey);
  }

  /** The status of a user who is {@code online} by the router. */
  public PresenceStatus status(String userKey, boolean online) {
    if (!online) {
      return PresenceStatus.OFFLINE;
    }
    return away.containsKey(userKey) ? PresenceStatus.AWAY : PresenceStatus.ONLINE;
  }

  /** The away message, if the user is away and gave one. */
  public Optional<String> message(String userKey) {
    return Optional.ofNullable(away.get(userKey)).filter(m -> !m.isEmpty());
  }
}
