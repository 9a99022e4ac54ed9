package chat.protocol;

/**
 * Ends another session of the caller's account, named by its {@link SessionIds id}: its token is
 * revoked and its connections are closed with {@link ErrorCode#SESSION_EXPIRED}.
 */
public record EndSessionRequest(String id, String session) implements Request {
  /** Validates the fields. */
  public EndSessionRequest {
    id = RequestIds.require(id, "id");
    session = SessionIds.require(session, "session");
  }
}
