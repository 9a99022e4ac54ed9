package chat.crypto;

import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;

/**
 * Wraps a symmetric key to a public key so that only the matching private key can unwrap it.
 *
 * <p>Guarantee: IND-CCA2 confidentiality of the wrapped key. Null arguments throw {@link
 * NullPointerException}; an empty key is allowed by the primitive but callers wrap 32-byte keys.
 */
public interface KeyWrap {
  /** Wraps {@code key} to {@code recipient}. */
  byte[] wrap(RSAPublicKey recipient, byte[] key);

  /**
   * Unwraps a key.
   *
   * @throws AuthenticationException if the wrapped key was not made for this private key (or was
   *     altered)
   */
  byte[] unwrap(RSAPrivateCrtKey privateKey, byte[] wrapped) throws CryptoException;
}
