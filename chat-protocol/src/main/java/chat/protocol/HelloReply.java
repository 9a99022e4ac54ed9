package chat.protocol;

/** Accepts the hello: the protocol version both sides now speak and the relay's name. */
public record HelloReply(String re, int version, String relay) implements Reply {
  /** Validates the fields. */
  public HelloReply {
    re = RequestIds.require(re, "re");
    relay = WireText.require(relay, "relay", 64);
  }
}
