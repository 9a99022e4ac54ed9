package chat.server.internal.relay;

import java.util.Collection;

/**
 * Where online users' connections are found for fan-out. The in-process {@link LocalRouter} is the
 * default; a cross-node bus can implement the same contract.
 */
public interface Router {
  /** Adds a logged-in connection; true if it is the user's first (the user came online). */
  boolean add(String userKey, ClientConnection connection);

  /** Removes a connection; true if it was the user's last (the user went offline). */
  boolean remove(String userKey, ClientConnection connection);

  /** The user's logged-in connections; empty if offline. */
  Collection<ClientConnection> connections(String userKey);

  /** True if the user has a logged-in connection. */
  boolean isOnline(String userKey);

  /**
   * Runs {@code pushes}, the {@link ClientConnection#push} calls of one fan-out. An implementation
   * may hold the connections they make ready and hand them to the network together at the end; by
   * default the pushes just run.
   */
  default void batch(Runnable pushes) {
    pushes.run();
  }
}
