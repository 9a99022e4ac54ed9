package chat.crypto;

/**
 * Checks signatures; succeeds or throws, never returns a boolean.
 *
 * <p>Null arguments throw {@link NullPointerException}; an empty message is verified like any
 * other.
 */
public interface Verifier {
  /**
   * Verifies {@code signature} over {@code message}.
   *
   * @throws AuthenticationException if the signature is invalid, malformed or of the wrong length
   */
  void verify(byte[] message, byte[] signature) throws AuthenticationException;
}
