package chat.protocol;

import java.util.Objects;

/** Starts a session with a username and password; the reply carries a resumable session token. */
public record LoginRequest(String id, String username, Secret password) implements Request {
  /** Validates the fields. */
  public LoginRequest {
    id = RequestIds.require(id, "id");
    username = WireText.require(username, "username", 64);
    Objects.requireNonNull(password, "password");
  }
}
