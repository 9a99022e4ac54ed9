package chat.protocol;

/** Answers a ping. */
public record PongReply(String re) implements Reply {
  /** Validates the fields. */
  public PongReply {
    re = RequestIds.require(re, "re");
  }
}
