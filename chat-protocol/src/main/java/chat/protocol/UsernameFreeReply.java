package chat.protocol;

/**
 * Answers {@link CheckUsernameRequest}: no account has {@code username} or a name that looks like
 * it, as of now (a registration may still take it first).
 */
public record UsernameFreeReply(String re, String username) implements Reply {
  /** Validates the fields. */
  public UsernameFreeReply {
    re = RequestIds.require(re, "re");
    username = WireText.require(username, "username", 64);
  }
}
