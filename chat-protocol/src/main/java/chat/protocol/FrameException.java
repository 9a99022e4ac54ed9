package chat.protocol;

import java.util.Objects;
import java.util.Optional;

/**
 * A frame that cannot be decoded, with the error code to answer it with and, when it could be read,
 * the id of the request it carried.
 */
public final class FrameException extends Exception {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final String requestId;

  /** A decoding failure; {@code requestId} may be null. */
  public FrameException(ErrorCode code, String requestId, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
    this.requestId = requestId;
  }

  /** The code to reply with. */
  public ErrorCode code() {
    return code;
  }

  /** The id of the offending request, if one could be read. */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }
}
