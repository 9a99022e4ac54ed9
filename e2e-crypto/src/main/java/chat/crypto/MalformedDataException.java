package chat.crypto;

/** Input was not well-formed: a length, version, size or encoding check failed. */
public final class MalformedDataException extends CryptoException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that holds no secret or content bytes. */
  public MalformedDataException(String message) {
    super(message);
  }

  /** Creates the exception with a cause; the message holds no secret or content bytes. */
  public MalformedDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
