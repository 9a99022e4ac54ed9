package chat.protocol;

import java.util.Objects;

/**
 * A member of a conversation, whether they are online, and the fingerprint of the identity bundle
 * the relay holds for them (64 lowercase hex digits), so a client can tell a changed key from its
 * pinned one without fetching every bundle.
 */
public record MemberInfo(String username, boolean online, String keyFingerprint) {
  /** Validates the fields. */
  public MemberInfo {
    username = WireText.require(username, "username", 64);
    Objects.requireNonNull(keyFingerprint, "keyFingerprint");
    if (!keyFingerprint.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("keyFingerprint must be 64 lowercase hex digits");
    }
  }
}
