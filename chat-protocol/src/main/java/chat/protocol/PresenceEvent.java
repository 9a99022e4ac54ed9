package chat.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Objects;

/**
 * A user who shares a conversation with the recipient, or is their friend, came online, went away,
 * came back or went offline. {@code message} is the optional away message (wire version 2; null
 * otherwise and then absent on the wire).
 */
public record PresenceEvent(String username, PresenceStatus status, String message)
    implements Event {
  /** Validates the fields: a message only with {@link PresenceStatus#AWAY}. */
  @JsonCreator
  public PresenceEvent {
    username = WireText.require(username, "username", 64);
    Objects.requireNonNull(status, "status");
    message = Presences.requireMessage(status, message);
  }

  /** An event without an away message (as in wire version 1). */
  public PresenceEvent(String username, PresenceStatus status) {
    this(username, status, null);
  }
}
