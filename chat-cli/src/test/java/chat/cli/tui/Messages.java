package chat.cli.tui;

import chat.cli.client.ChatMessage;
import java.time.Instant;

/** Test messages. */
final class Messages {
  /** 2026-03-14 09:30:00 UTC, a Saturday: the tests' clock, shown in UTC. */
  static final Instant NOW = Instant.parse("2026-03-14T09:30:00Z");

  private Messages() {}

  /** A message from {@code sender} in {@code conversation} with sequence number {@code seq}. */
  static ChatMessage of(String conversation, long seq, String sender, String text) {
    return at(conversation, seq, sender, text, NOW.toEpochMilli());
  }

  /** As {@link #of}, stored at {@code atMillis}. */
  static ChatMessage at(String conversation, long seq, String sender, String text, long atMillis) {
    return new ChatMessage(
        conversation, seq, "%032x".formatted(seq), sender, atMillis, atMillis, text, false);
  }
}
