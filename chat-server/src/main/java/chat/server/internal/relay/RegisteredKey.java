package chat.server.internal.relay;

import chat.crypto.Fingerprint;
import chat.crypto.IdentityBundle;
import chat.crypto.Verifier;
import java.util.Objects;

/**
 * An account's registered bundle, parsed, with what every send needs from it ready: its fingerprint
 * and a signature verifier (building one validates the Ed25519 point, which costs as much as a
 * verification).
 */
public record RegisteredKey(IdentityBundle bundle, Fingerprint fingerprint, Verifier verifier) {
  /** Checks the fields. */
  public RegisteredKey {
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(verifier, "verifier");
  }

  /** The key of {@code bundle}. */
  static RegisteredKey of(IdentityBundle bundle) {
    return new RegisteredKey(bundle, bundle.fingerprint(), bundle.verifier());
  }
}
