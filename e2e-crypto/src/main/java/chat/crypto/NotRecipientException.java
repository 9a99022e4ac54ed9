package chat.crypto;

/** The envelope holds no wrapped key for this identity. */
public final class NotRecipientException extends CryptoException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that holds no secret or content bytes. */
  public NotRecipientException(String message) {
    super(message);
  }

  /** Creates the exception with a cause; the message holds no secret or content bytes. */
  public NotRecipientException(String message, Throwable cause) {
    super(message, cause);
  }
}
