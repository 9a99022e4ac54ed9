package chat.protocol;

import chat.crypto.Bytes;
import java.util.Objects;

/** One user's registered identity bundle, as listed in a {@link BundlesReply}. */
public record UserBundle(String username, Bytes bundle) {
  /** Validates the fields. */
  public UserBundle {
    username = WireText.require(username, "username", 64);
    Objects.requireNonNull(bundle, "bundle");
  }
}
