package chat.protocol;

import java.util.Objects;

/**
 * The one error reply: a stable code and a human message; {@code re} is absent when the request id
 * could not be read.
 */
public record ErrorReply(String re, ErrorCode code, String message) implements Reply {
  /** Validates the fields. */
  public ErrorReply {
    re = re == null ? null : RequestIds.require(re, "re");
    Objects.requireNonNull(code, "code");
    message = WireText.require(message, "message", 512);
  }

  /** An error with the code's default message. */
  public static ErrorReply of(String re, ErrorCode code) {
    return new ErrorReply(re, code, code.defaultMessage());
  }
}
