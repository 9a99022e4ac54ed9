package chat.protocol;

/** Confirms a presence change. */
public record SetPresenceReply(String re) implements Reply {
  /** Validates the fields. */
  public SetPresenceReply {
    re = RequestIds.require(re, "re");
  }
}
