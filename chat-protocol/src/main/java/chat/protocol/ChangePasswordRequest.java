package chat.protocol;

import java.util.Objects;

/**
 * Changes the caller's account password: the current one (checked as a login checks it) and the new
 * one. The relay ends every other session of the account and keeps the caller's.
 */
public record ChangePasswordRequest(String id, Secret password, Secret newPassword)
    implements Request {
  /** Validates the fields. */
  public ChangePasswordRequest {
    id = RequestIds.require(id, "id");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(newPassword, "newPassword");
  }
}
