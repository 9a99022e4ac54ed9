package chat.cli.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the relay and where this user's client state lives.
 *
 * @param host the relay's host name or address
 * @param port the relay's TLS port
 * @param home the client's home directory: identity key file, known servers, pinned contacts,
 *     session token and cursors (owner-only)
 * @param requestTimeout how long to wait for one reply from the relay
 */
public record ClientOptions(String host, int port, Path home, Duration requestTimeout) {
  /** The relay's default port. */
  public static final int DEFAULT_PORT = 7443;

  /** Validates the fields. */
  public ClientOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (host.isBlank() || port < 1 || port > 65535) {
      throw new IllegalArgumentException("relay address must be HOST:PORT with a port 1-65535");
    }
  }
}
