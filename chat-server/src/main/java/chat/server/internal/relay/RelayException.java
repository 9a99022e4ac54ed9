package chat.server.internal.relay;

import chat.protocol.ErrorCode;
import java.util.Objects;

/**
 * A request refused for a reason the client may see: carries the error code and a human message
 * that never holds secrets or another user's data.
 */
public final class RelayException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  /** A refusal with the code's default message. */
  public RelayException(ErrorCode code) {
    this(code, code.defaultMessage());
  }

  /** A refusal with a specific message. */
  public RelayException(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** The code to reply with. */
  public ErrorCode code() {
    return code;
  }
}
