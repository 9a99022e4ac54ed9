package chat.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * Ed25519 signing (RFC 8032, pure variant) through Bouncy Castle's lightweight API (no provider is
 * registered).
 *
 * <p>Guarantee: EUF-CMA; signatures are deterministic. This object holds a private key: it has a
 * redacted {@code toString} and {@link #destroy} zeroes the seed copy it keeps.
 */
public final class Ed25519Signer implements Signer {
  /** Private seed length in bytes. */
  public static final int SEED_SIZE_BYTES = 32;

  private final byte[] seed;
  private final Ed25519PrivateKeyParameters key;

  /**
   * A signer for the 32-byte private seed (copied).
   *
   * @throws IllegalArgumentException if the seed is not 32 bytes
   */
  public Ed25519Signer(byte[] seed) {
    Objects.requireNonNull(seed, "seed");
    if (seed.length != SEED_SIZE_BYTES) {
      throw new IllegalArgumentException("Ed25519 seed must be 32 bytes");
    }
    this.seed = seed.clone();
    this.key = new Ed25519PrivateKeyParameters(this.seed, 0);
  }

  /** Makes a fresh random seed. */
  public static byte[] newSeed(SecureRandom random) {
    byte[] seed = new byte[SEED_SIZE_BYTES];
    random.nextBytes(seed);
    return seed;
  }

  /** The 32-byte public key. */
  public byte[] publicKey() {
    return key.generatePublicKey().getEncoded();
  }

  /** A copy of the private seed, for the encrypted key file only. */
  public byte[] seed() {
    return seed.clone();
  }

  @Override
  public byte[] sign(byte[] message) {
    Objects.requireNonNull(message, "message");
    org.bouncycastle.crypto.signers.Ed25519Signer signer =
        new org.bouncycastle.crypto.signers.Ed25519Signer();
    signer.init(true, key);
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  /** Zeroes the seed copy held here. */
  public void destroy() {
    Arrays.fill(seed, (byte) 0);
  }

  @Override
  public String toString() {
    return "Ed25519Signer[<redacted>]";
  }
}
