package chat.crypto.internal;

import chat.crypto.AuthenticationException;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Raw AES-GCM with a caller-chosen nonce, a fresh {@link Cipher} per call and explicit parameters
 * (256-bit key, 96-bit nonce, 128-bit tag). Callers must never reuse a (key, nonce) pair; the
 * public API only reaches this through wrappers that choose nonces themselves.
 */
public final class AesGcm {
  /** Nonce length in bytes. */
  public static final int NONCE_SIZE_BYTES = 12;

  /** Tag length in bytes. */
  public static final int TAG_SIZE_BYTES = 16;

  private static final String TRANSFORMATION = "AES/GCM/NoPadding";

  private AesGcm() {}

  private static Cipher cipher(int mode, byte[] key, byte[] nonce, int nonceOffset) {
    if (key.length != 32) {
      throw new IllegalArgumentException("AES-256 needs a 32-byte key");
    }
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(
          mode,
          new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(TAG_SIZE_BYTES * 8, nonce, nonceOffset, NONCE_SIZE_BYTES));
      return cipher;
    } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
      throw new IllegalStateException("AES-GCM missing from the JDK", e);
    } catch (InvalidKeyException | InvalidAlgorithmParameterException e) {
      throw new IllegalArgumentException("bad AES-GCM parameters", e);
    }
  }

  /** Encrypts; returns {@code ciphertext || tag}. */
  public static byte[] seal(byte[] key, byte[] nonce, byte[] plaintext, byte[] associatedData) {
    if (nonce.length != NONCE_SIZE_BYTES) {
      throw new IllegalArgumentException("nonce must be 12 bytes");
    }
    Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce, 0);
    try {
      cipher.updateAAD(associatedData);
      return cipher.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /**
   * Decrypts {@code ciphertext || tag} read from {@code input[offset, offset+length)} with the
   * nonce at {@code nonceSource[nonceOffset, nonceOffset+12)}.
   *
   * @throws AuthenticationException if the tag does not verify
   */
  public static byte[] open(
      byte[] key,
      byte[] nonceSource,
      int nonceOffset,
      int nonceLength,
      byte[] input,
      int offset,
      int length,
      byte[] associatedData)
      throws AuthenticationException {
    if (nonceLength != NONCE_SIZE_BYTES) {
      throw new IllegalArgumentException("nonce must be 12 bytes");
    }
    if (length < TAG_SIZE_BYTES) {
      throw new AuthenticationException("ciphertext shorter than the tag");
    }
    Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, nonceSource, nonceOffset);
    try {
      cipher.updateAAD(associatedData);
      return cipher.doFinal(input, offset, length);
    } catch (AEADBadTagException e) {
      throw new AuthenticationException("authentication tag mismatch");
    } catch (GeneralSecurityException e) {
      throw new AuthenticationException("decryption failed");
    }
  }
}
