package chat.protocol;

/**
 * The stable error codes of {@link ErrorReply}. Clients switch on the code, never on the message.
 * {@link #closesConnection()} says whether the relay closes the connection after sending it.
 */
public enum ErrorCode {
  /** The frame was not valid JSON, had an unknown type or an invalid field. */
  BAD_FRAME("malformed frame", false),
  /** The length prefix exceeded the maximum frame size; the stream cannot be resynchronised. */
  FRAME_TOO_LARGE("frame too large", true),
  /** A request other than hello arrived before the hello exchange. */
  HELLO_REQUIRED("send hello first", false),
  /** The relay speaks none of the versions the hello offered. */
  UNSUPPORTED_VERSION("no common protocol version", false),
  /** The request needs a logged-in session. */
  AUTH_REQUIRED("log in first", false),
  /** Login or resume failed; deliberately the same for every cause. */
  AUTH_FAILED("invalid username, password or token", false),
  /** Too many requests or failed logins; retry later. */
  RATE_LIMITED("rate limit exceeded, retry later", false),
  /** The username is already registered (compared case-insensitively). */
  USERNAME_TAKEN("username already taken", false),
  /** The username breaks the username rule. */
  INVALID_USERNAME(
      "usernames are 3-32 characters of A-Z a-z 0-9 _ . - and start with a letter", false),
  /** The password is shorter than 8 characters or longer than 1024 bytes. */
  WEAK_PASSWORD("passwords are 8 characters to 1024 bytes", false),
  /** The identity bundle is malformed, badly self-signed or names another user. */
  INVALID_BUNDLE("invalid identity bundle", false),
  /** The session token has expired; log in again. */
  SESSION_EXPIRED("session expired, log in again", false),
  /** The caller is not a member of that conversation. */
  NOT_MEMBER("not a member of this conversation", false),
  /** No user has that name. */
  NO_SUCH_USER("no such user", false),
  /** The conversation does not exist or cannot be used that way. */
  NO_SUCH_CONVERSATION("no such conversation", false),
  /** The envelope is malformed or addressed to another conversation. */
  INVALID_ENVELOPE("invalid envelope", false),
  /** The envelope signature does not verify against the sender's registered key. */
  BAD_SIGNATURE("envelope signature does not verify", false),
  /** The envelope names another sender or sender key than the logged-in user's. */
  SENDER_MISMATCH("envelope sender is not the logged-in user", false),
  /** A recipient of the envelope is not a member of the conversation. */
  RECIPIENT_NOT_MEMBER("a recipient is not a member of this conversation", false),
  /** A message with that id is already stored. */
  DUPLICATE_MESSAGE("duplicate message id", false),
  /** The client fell too far behind; reconnect and sync from the cursor. */
  SLOW_CONSUMER("too far behind, reconnect and sync", true),
  /** The caller has stored no key backup on this relay. */
  NO_KEY_BACKUP("no key backup stored for this account", false),
  /** The relay failed; no detail is given. */
  INTERNAL("internal error", false),
  /** The relay is shutting down; reconnect later. */
  SHUTTING_DOWN("relay shutting down", true),
  /**
   * The relay cannot write to its storage (disk full, read-only or failing): nothing of the request
   * was stored. Reads still work; retry later.
   */
  STORAGE_UNAVAILABLE(
      "the relay cannot store anything now (its disk is full or read-only); nothing was stored",
      false);

  private final String defaultMessage;
  private final boolean closesConnection;

  ErrorCode(String defaultMessage, boolean closesConnection) {
    this.defaultMessage = defaultMessage;
    this.closesConnection = closesConnection;
  }

  /** The human message the relay sends with this code unless it has a more precise one. */
  public String defaultMessage() {
    return defaultMessage;
  }

  /** True if the relay closes the connection after sending this code. */
  public boolean closesConnection() {
    return closesConnection;
  }
}
