package chat.protocol;

/** Confirms a key change. */
public record UpdateBundleReply(String re) implements Reply {
  /** Validates the fields. */
  public UpdateBundleReply {
    re = RequestIds.require(re, "re");
  }
}
