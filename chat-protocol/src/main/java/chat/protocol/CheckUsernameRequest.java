package chat.protocol;

/**
 * Asks, before a login, whether {@code username} could be registered now (wire version 16): so that
 * a client can say a name is taken before it asks for a new password and passphrase. The answer is
 * {@link UsernameFreeReply}, or the error {@code register} would give for the name alone.
 */
public record CheckUsernameRequest(String id, String username) implements Request {
  /** Validates the fields. */
  public CheckUsernameRequest {
    id = RequestIds.require(id, "id");
    username = WireText.require(username, "username", 64);
  }
}
