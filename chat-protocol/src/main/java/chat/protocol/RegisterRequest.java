package chat.protocol;

import chat.crypto.Bytes;
import java.util.Objects;

/** Creates an account with a password and uploads its self-signed identity bundle. */
public record RegisterRequest(String id, String username, Secret password, Bytes bundle)
    implements Request {
  /** Validates the fields. */
  public RegisterRequest {
    id = RequestIds.require(id, "id");
    username = WireText.require(username, "username", 64);
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(bundle, "bundle");
  }
}
