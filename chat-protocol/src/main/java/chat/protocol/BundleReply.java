package chat.protocol;

import chat.crypto.Bytes;
import java.util.Objects;

/** Carries a user's registered identity bundle. */
public record BundleReply(String re, String username, Bytes bundle) implements Reply {
  /** Validates the fields. */
  public BundleReply {
    re = RequestIds.require(re, "re");
    username = WireText.require(username, "username", 64);
    Objects.requireNonNull(bundle, "bundle");
  }
}
