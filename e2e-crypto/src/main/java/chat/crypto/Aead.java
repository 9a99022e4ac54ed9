package chat.crypto;

/**
 * Authenticated encryption with associated data.
 *
 * <p>Guarantee: {@link #decrypt} returns the plaintext only if the ciphertext and associated data
 * are exactly what {@link #encrypt} produced under the same key. Null arguments throw {@link
 * NullPointerException}; empty plaintext and empty associated data are allowed.
 */
public interface Aead {
  /** Encrypts with a fresh random nonce, which is part of the returned ciphertext. */
  byte[] encrypt(byte[] plaintext, byte[] associatedData);

  /**
   * Decrypts and authenticates.
   *
   * @throws AuthenticationException if the ciphertext or associated data was altered
   * @throws MalformedDataException if the ciphertext is too short to be valid
   */
  byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws CryptoException;
}
