package chat.protocol;

/**
 * Thrown when a frame to be sent would be larger than the maximum frame size: the frame is not sent
 * and nothing else went wrong, so a relay answers the request with {@link
 * ErrorCode#REPLY_TOO_LARGE} instead.
 */
public final class FrameTooLargeException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The exception, with the one message every oversize frame gets. */
  public FrameTooLargeException() {
    super("frame larger than the maximum frame size");
  }
}
