package chat.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * One ban in {@link BansReply}: the banned user, who banned them (an owner or admin at the time),
 * when (Unix milliseconds), the reason given with the ban, null (absent on the wire) when none was
 * or the ban is older than the relay's keeping of reasons, and when a timed ban ends by itself,
 * null for a ban until lifted.
 */
public record BanInfo(
    String username, String bannedBy, long bannedAtMillis, String reason, Long untilMillis) {
  /** Validates the fields. */
  @JsonCreator
  public BanInfo {
    if (!Usernames.isValid(username) || !Usernames.isValid(bannedBy)) {
      // A name with spaces would forge the columns of a client's table.
      throw new IllegalArgumentException("username and bannedBy must be usernames");
    }
    if (bannedAtMillis < 0) {
      throw new IllegalArgumentException("bannedAtMillis must not be negative");
    }
    if (reason != null) {
      reason = WireText.require(reason, "reason", ErrorCode.MAX_REASON_CHARS);
    }
    if (untilMillis != null && untilMillis < bannedAtMillis) {
      throw new IllegalArgumentException("untilMillis must not come before bannedAtMillis");
    }
  }

  /** A ban until lifted. */
  public BanInfo(String username, String bannedBy, long bannedAtMillis, String reason) {
    this(username, bannedBy, bannedAtMillis, reason, null);
  }
}
