package chat.protocol;

import chat.crypto.Bytes;
import java.util.Objects;

/**
 * A user who shares a conversation with the recipient registered a new identity bundle; clients
 * must re-verify it.
 */
public record KeyChangeEvent(String username, Bytes bundle) implements Event {
  /** Validates the fields. */
  public KeyChangeEvent {
    username = WireText.require(username, "username", 64);
    Objects.requireNonNull(bundle, "bundle");
  }
}
