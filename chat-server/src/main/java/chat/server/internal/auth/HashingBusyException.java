package chat.server.internal.auth;

/**
 * Every bcrypt slot of {@link HashingSlots} stayed taken: the password was not hashed or checked.
 * The relay answers it as a rate limit (retry in a few seconds), and the attempt counts for
 * nothing.
 */
public final class HashingBusyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The one refusal. */
  public HashingBusyException() {
    super("every password hashing slot is busy", null, false, false);
  }
}
