package chat.protocol;

/** Confirms a new account; the client logs in next. */
public record RegisterReply(String re, String username) implements Reply {
  /** Validates the fields. */
  public RegisterReply {
    re = RequestIds.require(re, "re");
    username = WireText.require(username, "username", 64);
  }
}
