package chat.protocol;

/**
 * One session of the caller's account in {@link SessionsReply}: its {@link SessionIds id}, when it
 * was created (the login) and last used (its login or latest resume), the client address it was
 * last used from (empty if the relay does not know it), and whether it is the session of the
 * connection asking.
 */
public record SessionInfo(
    String id, long createdAtMillis, long lastUsedAtMillis, String address, boolean current) {
  /** Longest address: an IPv6 address with a zone. */
  public static final int MAX_ADDRESS_CHARS = 64;

  /** Validates the fields. */
  public SessionInfo {
    id = SessionIds.require(id, "id");
    if (createdAtMillis < 0 || lastUsedAtMillis < 0) {
      throw new IllegalArgumentException("times must not be negative");
    }
    address = WireText.require(address, "address", MAX_ADDRESS_CHARS);
  }
}
