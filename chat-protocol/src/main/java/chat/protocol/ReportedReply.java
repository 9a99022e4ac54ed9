package chat.protocol;

/** Answers {@link ReportRequest}: the report on {@code username} is in the relay's audit log. */
public record ReportedReply(String re, String username) implements Reply {
  /** Validates the fields. */
  public ReportedReply {
    re = RequestIds.require(re, "re");
    username = WireText.require(username, "username", 64);
  }
}
