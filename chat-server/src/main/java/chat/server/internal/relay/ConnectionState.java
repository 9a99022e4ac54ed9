package chat.server.internal.relay;

import chat.crypto.Bytes;
import chat.protocol.ErrorCode;
import chat.protocol.ProtocolVersions;
import java.util.Optional;

/**
 * The per-connection protocol state: the negotiated version and, once logged in, the user and the
 * hash of the session token. Written by the connection's serial request executor, and by the relay
 * when it logs the connection out to close it (a revoked session, a suspended account: {@link
 * #closing}); every field is volatile.
 */
public final class ConnectionState {
  private volatile String closedAs;
  private volatile int version;
  private volatile String userKey;
  private volatile String username;
  private volatile Bytes tokenHash;
  private volatile boolean byPassword;

  /** The negotiated protocol version, 0 before hello. */
  public int version() {
    return version;
  }

  /**
   * Whether the connection agreed on binary {@code send} and {@code event.message} bodies (wire
   * version 3 or later): both directions follow it.
   */
  public boolean binaryMessages() {
    return version >= ProtocolVersions.BINARY;
  }

  /** Records the hello outcome. */
  public void version(int version) {
    this.version = version;
  }

  /** The logged-in user's key, if any. */
  public Optional<String> userKey() {
    return Optional.ofNullable(userKey);
  }

  /** The logged-in user's username as registered, if any. */
  public Optional<String> username() {
    return Optional.ofNullable(username);
  }

  /** The session token hash, if logged in. */
  public Optional<Bytes> tokenHash() {
    return Optional.ofNullable(tokenHash);
  }

  /**
   * The logged-in user's key.
   *
   * @throws RelayException {@link ErrorCode#AUTH_REQUIRED} when the connection is not logged in, as
   *     when the relay logged it out to close it while the request ran ({@link #closing})
   */
  public String requireUserKey() {
    return required(userKey);
  }

  /**
   * The logged-in user's username as registered.
   *
   * @throws RelayException as {@link #requireUserKey} does
   */
  public String requireUsername() {
    return required(username);
  }

  /**
   * The session token hash.
   *
   * @throws RelayException as {@link #requireUserKey} does
   */
  public Bytes requireTokenHash() {
    return required(tokenHash);
  }

  private static <T> T required(T value) {
    if (value == null) {
      throw new RelayException(ErrorCode.AUTH_REQUIRED);
    }
    return value;
  }

  /**
   * Marks the connection logged in: {@code byPassword} when this connection gave the account's
   * password ({@code login}), not a session token ({@code resume}).
   */
  public void login(String userKey, String username, Bytes tokenHash, boolean byPassword) {
    this.userKey = userKey;
    this.username = username;
    this.tokenHash = tokenHash;
    this.byPassword = byPassword;
  }

  /**
   * Whether the connection is logged in with the account's password given on it, not by a session
   * token: what a token taken from a device cannot do.
   */
  public boolean loggedInByPassword() {
    return userKey != null && byPassword;
  }

  /** Marks the connection logged out. */
  public void logout() {
    this.userKey = null;
    this.username = null;
    this.tokenHash = null;
    this.byPassword = false;
  }

  /**
   * The relay logs this connection out to close it (a revoked session, a suspended account): its
   * disconnect is audited under the user it was logged in as ({@link #closedAs}). Call before
   * {@link #logout}.
   */
  public void closing() {
    this.closedAs = username;
  }

  /**
   * Who the connection was logged in as when the relay logged it out to close it ({@link
   * #closing}); empty otherwise, as after a logout the client asked for.
   */
  public Optional<String> closedAs() {
    return Optional.ofNullable(closedAs);
  }
}
