package chat.crypto;

/**
 * A signature, authentication tag, key commitment or binding check failed: the data was forged,
 * altered or not made by the claimed key.
 */
public final class AuthenticationException extends CryptoException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that holds no secret or content bytes. */
  public AuthenticationException(String message) {
    super(message);
  }

  /** Creates the exception with a cause; the message holds no secret or content bytes. */
  public AuthenticationException(String message, Throwable cause) {
    super(message, cause);
  }
}
