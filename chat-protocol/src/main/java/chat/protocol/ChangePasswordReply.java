package chat.protocol;

/** Confirms a password change: {@code sessionsEnded} other sessions of the account were revoked. */
public record ChangePasswordReply(String re, int sessionsEnded) implements Reply {
  /** Validates the fields. */
  public ChangePasswordReply {
    re = RequestIds.require(re, "re");
    if (sessionsEnded < 0) {
      throw new IllegalArgumentException("sessionsEnded must not be negative");
    }
  }
}
