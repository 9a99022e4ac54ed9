package chat.crypto;

/** The passphrase does not open the key file (or the key file was altered). */
public final class WrongPassphraseException extends CryptoException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that holds no secret or content bytes. */
  public WrongPassphraseException(String message) {
    super(message);
  }

  /** Creates the exception with a cause; the message holds no secret or content bytes. */
  public WrongPassphraseException(String message, Throwable cause) {
    super(message, cause);
  }
}
