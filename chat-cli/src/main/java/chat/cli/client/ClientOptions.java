package chat.cli.client;

import chat.protocol.HostPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the relay and where this user's client state lives.
 *
 * @param host the relay's host name or address
 * @param port the relay's TLS port
 * @param home with {@code perUserHome}, the directory holding one profile directory per username;
 *     otherwise the profile directory itself (identity key file, known servers, pinned contacts,
 *     session token and cursors; owner-only)
 * @param perUserHome whether {@code home} holds a profile per username ({@code home/<username>})
 * @param requestTimeout how long to wait for one reply from the relay
 * @param live whether this client shows messages as they arrive: it catches up from its cursors
 *     after login, handles pushed messages, keeps the connection alive and reconnects. One-shot
 *     commands pass false so that they never move the cursors of what nobody has seen.
 * @param downloadDirectory where accepted files are saved ({@code --download-dir}); created 0700
 *     when first needed
 * @param keepAlive how often a live client pings an otherwise quiet connection, so the relay's idle
 *     timeout does not close it (also while a login waits for the key passphrase)
 */
public record ClientOptions(
    String host,
    int port,
    Path home,
    boolean perUserHome,
    Duration requestTimeout,
    boolean live,
    Path downloadDirectory,
    Duration keepAlive) {
  /** The relay's default port. */
  public static final int DEFAULT_PORT = 7443;

  /** The default {@code keepAlive}: a quarter of the relay's default idle timeout (120 s). */
  public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);

  /** Validates the fields. */
  public ClientOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(downloadDirectory, "downloadDirectory");
    Objects.requireNonNull(keepAlive, "keepAlive");
    if (keepAlive.isNegative() || keepAlive.isZero()) {
      throw new IllegalArgumentException("keepAlive must be positive");
    }
    if (host.isBlank() || port < 1 || port > 65535) {
      throw new IllegalArgumentException("relay address must be HOST:PORT with a port 1-65535");
    }
  }

  /**
   * Options whose downloads go to {@code downloads} under {@code home}: for tests and embedders
   * that do not pick a download directory.
   */
  public ClientOptions(
      String host,
      int port,
      Path home,
      boolean perUserHome,
      Duration requestTimeout,
      boolean live) {
    this(host, port, home, perUserHome, requestTimeout, live, home.resolve("downloads"));
  }

  /** Options with the default {@code keepAlive}. */
  public ClientOptions(
      String host,
      int port,
      Path home,
      boolean perUserHome,
      Duration requestTimeout,
      boolean live,
      Path downloadDirectory) {
    this(
        host, port, home, perUserHome, requestTimeout, live, downloadDirectory, DEFAULT_KEEP_ALIVE);
  }

  /** A copy that saves downloads in {@code directory}. */
  public ClientOptions withDownloadDirectory(Path directory) {
    return new ClientOptions(
        host, port, home, perUserHome, requestTimeout, live, directory, keepAlive);
  }

  /** A copy that pings a quiet connection every {@code interval}. */
  public ClientOptions withKeepAlive(Duration interval) {
    return new ClientOptions(
        host, port, home, perUserHome, requestTimeout, live, downloadDirectory, interval);
  }

  /**
   * {@code host:port} for messages, with an IPv6 address in brackets ({@code [::1]:7443}) as {@code
   * --server} takes it.
   */
  public String server() {
    return address(host, port);
  }

  /**
   * {@code host:port} as the profile records which relay its session, cursors, file log and pinned
   * certificate belong to: an IPv6 address without brackets, as clients have always written it, so
   * that what they stored is still found. Never shown.
   */
  public String serverKey() {
    return host + ":" + port;
  }

  /**
   * {@code host:port}, with {@code host} in brackets if it is an IPv6 address: {@link
   * HostPort#format}, which the relay uses too.
   */
  public static String address(String host, int port) {
    return HostPort.format(host, port);
  }
}
