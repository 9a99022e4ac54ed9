package chat.crypto;

/**
 * The one checked exception family of this library.
 *
 * <p>Subclasses tell "malformed", "not for me", "authentication failed", "wrong passphrase" and
 * "replayed" apart for local callers. Anything shown to a peer or to the relay should use {@link
 * #GENERIC_MESSAGE} instead. Messages never contain key, plaintext or ciphertext bytes.
 */
public abstract sealed class CryptoException extends Exception
    permits MalformedDataException,
        AuthenticationException,
        NotRecipientException,
        WrongPassphraseException,
        ReplayException {

  /** The only text a peer or the relay is ever shown for a failed crypto operation. */
  public static final String GENERIC_MESSAGE = "could not be opened";

  private static final long serialVersionUID = 1L;

  CryptoException(String message) {
    super(message);
  }

  CryptoException(String message, Throwable cause) {
    super(message, cause);
  }
}
