package chat.crypto;

import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Ed25519 verification (RFC 8032, pure variant) through Bouncy Castle's lightweight API.
 *
 * <p>Guarantee: accepts only a signature made by the holder of the private key. The signature
 * length is checked here (exactly 64 bytes), not left to the provider. A public key that is not a
 * valid point of the prime-order subgroup (small-order or mixed-order points included) is refused
 * at construction, so cofactored and cofactorless verifiers agree on every accepted signature.
 */
public final class Ed25519Verifier implements Verifier {
  /** Public key length in bytes. */
  public static final int PUBLIC_KEY_SIZE_BYTES = 32;

  /** Signature length in bytes. */
  public static final int SIGNATURE_SIZE_BYTES = 64;

  private final Ed25519PublicKeyParameters key;

  /**
   * A verifier for a 32-byte encoded public key.
   *
   * @throws MalformedDataException if the key is not 32 bytes or not a valid point
   */
  public Ed25519Verifier(byte[] publicKey) throws MalformedDataException {
    Objects.requireNonNull(publicKey, "publicKey");
    if (publicKey.length != PUBLIC_KEY_SIZE_BYTES || !Ed25519.validatePublicKeyFull(publicKey, 0)) {
      throw new MalformedDataException("invalid Ed25519 public key");
    }
    this.key = new Ed25519PublicKeyParameters(publicKey, 0);
  }

  @Override
  public void verify(byte[] message, byte[] signature) throws AuthenticationException {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(signature, "signature");
    if (signature.length != SIGNATURE_SIZE_BYTES) {
      throw new AuthenticationException("signature must be 64 bytes");
    }
    org.bouncycastle.crypto.signers.Ed25519Signer verifier =
        new org.bouncycastle.crypto.signers.Ed25519Signer();
    verifier.init(false, key);
    verifier.update(message, 0, message.length);
    if (!verifier.verifySignature(signature)) {
      throw new AuthenticationException("invalid signature");
    }
  }
}
