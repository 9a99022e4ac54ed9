package chat.protocol;

/** Confirms that the session {@code session} was ended. */
public record EndSessionReply(String re, String session) implements Reply {
  /** Validates the fields. */
  public EndSessionReply {
    re = RequestIds.require(re, "re");
    session = SessionIds.require(session, "session");
  }
}
