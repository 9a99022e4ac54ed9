package chat.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Objects;

/**
 * A member of a conversation, whether they are online, and the fingerprint of the identity bundle
 * the relay holds for them (64 lowercase hex digits), so a client can tell a changed key from its
 * pinned one without fetching every bundle.
 *
 * <p>From wire version 2 the relay also fills {@code status} (online, away or offline), {@code
 * message} (the away message, if any) and, in groups, {@code role}. They are null, and absent on
 * the wire, for a version 1 connection.
 *
 * <p>From wire version 12, a group member who is muted has {@code muted} true, and {@code
 * mutedUntilMillis} when the mute ends by itself (Unix milliseconds); both are null, and absent on
 * the wire, for everyone else and on older connections.
 */
public record MemberInfo(
    String username,
    boolean online,
    String keyFingerprint,
    PresenceStatus status,
    String message,
    GroupRole role,
    Boolean muted,
    Long mutedUntilMillis) {
  /** Validates the fields. */
  @JsonCreator
  public MemberInfo {
    username = WireText.require(username, "username", 64);
    Objects.requireNonNull(keyFingerprint, "keyFingerprint");
    if (!keyFingerprint.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("keyFingerprint must be 64 lowercase hex digits");
    }
    if (status != null && online == (status == PresenceStatus.OFFLINE)) {
      throw new IllegalArgumentException("status must agree with online");
    }
    message = Presences.requireMessage(status, message);
    if (muted != null && !muted) {
      throw new IllegalArgumentException("muted is true or absent");
    }
    if (mutedUntilMillis != null && (muted == null || mutedUntilMillis < 0)) {
      throw new IllegalArgumentException("mutedUntilMillis goes with muted, and is not negative");
    }
  }

  /** A member who is not muted, as wire versions 2 to 11 describe every member. */
  public MemberInfo(
      String username,
      boolean online,
      String keyFingerprint,
      PresenceStatus status,
      String message,
      GroupRole role) {
    this(username, online, keyFingerprint, status, message, role, null, null);
  }

  /** This member muted until {@code untilMillis} (null: until lifted). */
  public MemberInfo mutedUntil(Long untilMillis) {
    return new MemberInfo(
        username, online, keyFingerprint, status, message, role, true, untilMillis);
  }

  /** A member as wire version 1 describes it: no status detail, no role. */
  public MemberInfo(String username, boolean online, String keyFingerprint) {
    this(username, online, keyFingerprint, null, null, null, null, null);
  }
}
