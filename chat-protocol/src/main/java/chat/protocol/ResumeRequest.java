package chat.protocol;

import java.util.Objects;

/** Restores a session from a token issued by an earlier login, without the password. */
public record ResumeRequest(String id, Secret token) implements Request {
  /** Validates the fields. */
  public ResumeRequest {
    id = RequestIds.require(id, "id");
    Objects.requireNonNull(token, "token");
  }
}
