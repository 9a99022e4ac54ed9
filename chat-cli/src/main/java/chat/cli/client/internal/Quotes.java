package chat.cli.client.internal;

import chat.cli.client.ChatMessage;
import chat.cli.emoji.Graphemes;
import chat.protocol.Usernames;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The messages this client showed lately, each known by its conversation and id, with the start of
 * its text: what a reply to one of them quotes ({@link #answered}), and which message of a user
 * {@code /reply} answers ({@link #newestFrom}). Holds the last {@link #MAX} messages, in memory
 * only; a deleted one keeps its sender and loses its text. Thread-safe.
 */
final class Quotes {
  /** How many messages are remembered; the one remembered first is forgotten first. */
  static final int MAX = 4096;

  private record Key(String conversation, String messageId) {}

  private record Held(String sender, String excerpt, long seq, boolean deleted) {}

  private record Newest(String messageId, long seq) {}

  private final Map<Key, Held> messages =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Held> eldest) {
          if (size() <= MAX) {
            return false;
          }
          Key from =
              new Key(eldest.getKey().conversation(), Usernames.key(eldest.getValue().sender()));
          Newest last = newest.get(from);
          if (last != null && last.messageId().equals(eldest.getKey().messageId())) {
            newest.remove(from);
          }
          return true;
        }
      };

  /** Per conversation and sender's username key, the newest message remembered. */
  private final Map<Key, Newest> newest = new HashMap<>();

  /** The messages whose deletion was said, whether they were remembered before or after. */
  private final DeletedIds deletedIds;

  Quotes(DeletedIds deletedIds) {
    this.deletedIds = deletedIds;
  }

  /** Remembers {@code message}, shown (or listed in a history page) now. */
  synchronized void remember(ChatMessage message) {
    Key key = new Key(message.conversation(), message.messageId());
    if (messages.containsKey(key) || deletedIds.contains(key.conversation(), key.messageId())) {
      return; // a push that came after its deletion was said is not remembered
    }
    String text = message.text().strip();
    String excerpt = Graphemes.prefix(text, ChatMessage.Reply.EXCERPT_GLYPHS);
    messages.put(
        key,
        new Held(
            message.sender(),
            excerpt.length() < text.length() ? excerpt + "…" : excerpt,
            message.seq(),
            false));
    Key from = new Key(message.conversation(), Usernames.key(message.sender()));
    Newest before = newest.get(from);
    if (before == null || before.seq() <= message.seq()) {
      newest.put(from, new Newest(message.messageId(), message.seq()));
    }
  }

  /**
   * The message {@code messageId} of {@code conversation} as a reply shows it: its sender and the
   * start of its text if remembered, marked deleted (with no text) if its deletion was said, else
   * unknown.
   */
  synchronized ChatMessage.Reply answered(String conversation, String messageId) {
    Held held = messages.get(new Key(conversation, messageId));
    String sender = held == null ? "" : held.sender();
    if (deletedIds.contains(conversation, messageId) || (held != null && held.deleted())) {
      return new ChatMessage.Reply(messageId, sender, "", true);
    }
    return held == null
        ? ChatMessage.Reply.unknown(messageId)
        : new ChatMessage.Reply(messageId, sender, held.excerpt(), false);
  }

  /** Messages {@code messageIds} of {@code conversation} were deleted: their text is forgotten. */
  synchronized void deleted(String conversation, Collection<String> messageIds) {
    for (String id : messageIds) {
      Key key = new Key(conversation, id);
      Held held = messages.get(key);
      if (held != null) {
        messages.put(key, new Held(held.sender(), "", held.seq(), true));
      }
    }
    newest.values().removeIf(n -> messageIds.contains(n.messageId()));
  }

  /**
   * The id of the newest message {@code username} posted in {@code conversation} that this client
   * remembers and that was not deleted.
   */
  synchronized Optional<String> newestFrom(String conversation, String username) {
    Newest found = newest.get(new Key(conversation, Usernames.key(username)));
    if (found == null) {
      return Optional.empty();
    }
    Held held = messages.get(new Key(conversation, found.messageId()));
    return held == null || held.deleted() ? Optional.empty() : Optional.of(found.messageId());
  }
}
