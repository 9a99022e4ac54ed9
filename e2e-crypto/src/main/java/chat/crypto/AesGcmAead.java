package chat.crypto;

import chat.crypto.internal.AesGcm;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * AES-256-GCM with a random 96-bit nonce and a 128-bit tag; output is {@code nonce || ciphertext ||
 * tag}.
 *
 * <p>Guarantee: IND-CCA confidentiality and integrity of plaintext and associated data, as long as
 * one key encrypts fewer than 2^32 messages (random-nonce bound). Uses the JDK provider (fast,
 * constant-time AES-NI path). Null arguments throw {@link NullPointerException}; empty inputs are
 * allowed. A wrong key, tag or associated data throws {@link AuthenticationException}.
 */
public final class AesGcmAead implements Aead {
  /** Key length in bytes. */
  public static final int KEY_SIZE_BYTES = 32;

  private final byte[] key;
  private final SecureRandom random;

  /**
   * Creates the AEAD; {@code key} is copied.
   *
   * @throws IllegalArgumentException if the key is not 32 bytes
   */
  public AesGcmAead(byte[] key, SecureRandom random) {
    Objects.requireNonNull(key, "key");
    if (key.length != KEY_SIZE_BYTES) {
      throw new IllegalArgumentException("AES-256-GCM needs a 32-byte key");
    }
    this.key = key.clone();
    this.random = Objects.requireNonNull(random, "random");
  }

  @Override
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(associatedData, "associatedData");
    byte[] nonce = new byte[AesGcm.NONCE_SIZE_BYTES];
    random.nextBytes(nonce);
    byte[] sealed = AesGcm.seal(key, nonce, plaintext, associatedData);
    byte[] out = new byte[nonce.length + sealed.length];
    System.arraycopy(nonce, 0, out, 0, nonce.length);
    System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
    return out;
  }

  @Override
  public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws CryptoException {
    Objects.requireNonNull(ciphertext, "ciphertext");
    Objects.requireNonNull(associatedData, "associatedData");
    if (ciphertext.length < AesGcm.NONCE_SIZE_BYTES + AesGcm.TAG_SIZE_BYTES) {
      throw new MalformedDataException("ciphertext too short");
    }
    return AesGcm.open(
        key,
        ciphertext,
        0,
        AesGcm.NONCE_SIZE_BYTES,
        ciphertext,
        AesGcm.NONCE_SIZE_BYTES,
        ciphertext.length - AesGcm.NONCE_SIZE_BYTES,
        associatedData);
  }

  @Override
  public String toString() {
    return "AesGcmAead[key=<redacted>]";
  }
}
