package chat.protocol;

import java.util.Objects;

/** A user who shares a conversation with the recipient came online or went offline. */
public record PresenceEvent(String username, PresenceStatus status) implements Event {
  /** Validates the fields. */
  public PresenceEvent {
    username = WireText.require(username, "username", 64);
    Objects.requireNonNull(status, "status");
  }
}
