package chat.cli.client.internal;

import chat.cli.client.TrustState;
import java.util.Objects;

/**
 * A contact's pinned identity as stored in {@code contacts.json}.
 *
 * @param username the username as the relay spells it
 * @param bundle the pinned identity bundle, base64
 * @param verified whether the person compared the safety number of this bundle
 * @param pending a different bundle the relay now serves (base64), not yet accepted; null if none
 */
record Contact(String username, String bundle, boolean verified, String pending) {
  Contact {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(bundle, "bundle");
  }

  /** The trust state this record stands for. */
  TrustState state() {
    if (pending != null) {
      return TrustState.CHANGED;
    }
    return verified ? TrustState.VERIFIED : TrustState.UNVERIFIED;
  }
}
