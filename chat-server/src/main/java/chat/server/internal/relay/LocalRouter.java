package chat.server.internal.relay;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The in-process {@link Router}: a concurrent map from user key to that user's connections. */
public final class LocalRouter implements Router {
  private final Map<String, Set<ClientConnection>> online = new ConcurrentHashMap<>();

  @Override
  public boolean add(String userKey, ClientConnection connection) {
    boolean[] first = {false};
    online.compute(
        userKey,
        (key, set) -> {
          Set<ClientConnection> out = set == null ? ConcurrentHashMap.newKeySet() : set;
          first[0] = out.isEmpty();
          out.add(connection);
          return out;
        });
    return first[0];
  }

  @Override
  public boolean remove(String userKey, ClientConnection connection) {
    boolean[] last = {false};
    online.computeIfPresent(
        userKey,
        (key, set) -> {
          if (set.remove(connection) && set.isEmpty()) {
            last[0] = true;
            return null;
          }
          return set.isEmpty() ? null : set;
        });
    return last[0];
  }

  @Override
  public Collection<ClientConnection> connections(String userKey) {
    Set<ClientConnection> set = online.get(userKey);
    return set == null ? List.of() : List.copyOf(set);
  }

  @Override
  public boolean isOnline(String userKey) {
    return online.containsKey(userKey);
  }
}
