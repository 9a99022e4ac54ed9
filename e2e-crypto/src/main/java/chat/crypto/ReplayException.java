package chat.crypto;

/** A message id that was already accepted was seen again. */
public final class ReplayException extends CryptoException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that holds no secret or content bytes. */
  public ReplayException(String message) {
    super(message);
  }

  /** Creates the exception with a cause; the message holds no secret or content bytes. */
  public ReplayException(String message, Throwable cause) {
    super(message, cause);
  }
}
