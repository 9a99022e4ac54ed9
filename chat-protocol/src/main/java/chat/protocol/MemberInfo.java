package chat.protocol;

/** A member of a conversation and whether they are online. */
public record MemberInfo(String username, boolean online) {
  /** Validates the fields. */
  public MemberInfo {
    username = WireText.require(username, "username", 64);
  }
}
