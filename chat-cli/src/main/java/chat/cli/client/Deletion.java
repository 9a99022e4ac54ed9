package chat.cli.client;

import java.util.List;
import java.util.Objects;

/**
 * Messages deleted from a conversation: those of {@code sender} (registered username) with ids
 * {@code messageIds} (32 hex digits each, newest first; empty when there were none to delete),
 * deleted by {@code actor}, the sender or a group's owner or admin. The relay no longer holds them:
 * no history lists them again.
 */
public record Deletion(String conversation, String actor, String sender, List<String> messageIds) {
  /** Validates the fields. */
  public Deletion {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(sender, "sender");
    messageIds = List.copyOf(messageIds);
  }

  /** Whether the sender deleted their own messages. */
  public boolean bySender() {
    return actor.equalsIgnoreCase(sender);
  }
}
