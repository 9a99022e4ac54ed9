package chat.server.internal.relay;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The in-process {@link Router}: a concurrent map from user key to that user's connections. Each
 * user's connections are an immutable list replaced on every change (rare: login, logout), so that
 * the fan-out, which reads them once per recipient per event, neither copies nor locks.
 */
public final class LocalRouter implements Router {
  private final Map<String, List<ClientConnection>> online = new ConcurrentHashMap<>();
  private final Consumer<Runnable> batching;

  /** A router whose fan-outs push one connection at a time. */
  public LocalRouter() {
    this(Runnable::run);
  }

  /** A router whose {@link #batch} runs the pushes through {@code batching}. */
  public LocalRouter(Consumer<Runnable> batching) {
    this.batching = batching;
  }

  @Override
  public boolean add(String userKey, ClientConnection connection) {
    boolean[] first = {false};
    online.compute(
        userKey,
        (key, list) -> {
          if (list == null) {
            first[0] = true;
            return List.of(connection);
          }
          if (list.contains(connection)) {
            return list;
          }
          List<ClientConnection> out = new ArrayList<>(list.size() + 1);
          out.addAll(list);
          out.add(connection);
          return List.copyOf(out);
        });
    return first[0];
  }

  @Override
  public boolean remove(String userKey, ClientConnection connection) {
    boolean[] last = {false};
    online.computeIfPresent(
        userKey,
        (key, list) -> {
          if (!list.contains(connection)) {
            return list;
          }
          if (list.size() == 1) {
            last[0] = true;
            return null;
          }
          List<ClientConnection> out = new ArrayList<>(list);
          out.remove(connection);
          return List.copyOf(out);
        });
    return last[0];
  }

  @Override
  public Collection<ClientConnection> connections(String userKey) {
    List<ClientConnection> list = online.get(userKey);
    return list == null ? List.of() : list;
  }

  @Override
  public boolean isOnline(String userKey) {
    return online.containsKey(userKey);
  }

  @Override
  public void batch(Runnable pushes) {
    batching.accept(pushes);
  }
}
