package chat.protocol;

import chat.crypto.Bytes;
import java.util.Objects;

/** Posts a full-form envelope to a conversation; acknowledged only after it is durably stored. */
public record SendRequest(String id, String conversation, Bytes envelope) implements Request {
  /** Validates the fields. */
  public SendRequest {
    id = RequestIds.require(id, "id");
    conversation = ConversationIds.require(conversation);
    Objects.requireNonNull(envelope, "envelope");
  }
}
