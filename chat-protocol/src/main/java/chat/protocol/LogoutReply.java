package chat.protocol;

/** Confirms a logout; the token no longer resumes. */
public record LogoutReply(String re) implements Reply {
  /** Validates the fields. */
  public LogoutReply {
    re = RequestIds.require(re, "re");
  }
}
