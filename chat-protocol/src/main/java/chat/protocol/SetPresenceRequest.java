package chat.protocol;

import java.util.Objects;

/**
 * Marks the caller away (with an optional message) or back online (wire version 2). {@code offline}
 * cannot be set: a user is offline when their last connection ends.
 */
public record SetPresenceRequest(String id, PresenceStatus status, String message)
    implements Request {
  /** Validates the fields. */
  public SetPresenceRequest {
    id = RequestIds.require(id, "id");
    Objects.requireNonNull(status, "status");
    if (status == PresenceStatus.OFFLINE) {
      throw new IllegalArgumentException("status must be online or away");
    }
    message = Presences.requireMessage(status, message);
  }
}
