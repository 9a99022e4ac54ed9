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

  /**
   * {@code NO_SUCH_USER} for {@code name}, the name the caller gave: the message names it ({@code
   * no such user: zzz}), so that a person who typed several names sees which one is unknown; a name
   * that breaks the username rule gets the code's default message, never an echo of it.
   */
  public static RelayException noSuchUser(String name) {
    return new RelayException(ErrorCode.NO_SUCH_USER, ErrorCode.noSuchUser(name));
  }

  /** The code to reply with. */
  public ErrorCode code() {
    return code;
  }
}
