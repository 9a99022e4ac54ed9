package chat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.ChatMessage;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DaySeparatorsTest {
  private final DaySeparators days = new DaySeparators(new MessageFormatter(ZoneOffset.UTC));

  private static ChatMessage at(String instant) {
    long millis = Instant.parse(instant).toEpochMilli();
    return new ChatMessage("#lobby", 1, "00".repeat(16), "bob", millis, millis, "hi", false);
  }

  @Test
  void before_firstMessage_thenSameDay_thenNextDay() {
    assertThat(days.before(at("2026-03-13T23:59:00Z"))).contains("--- Friday 13 March 2026 ---");
    assertThat(days.before(at("2026-03-13T23:59:59Z"))).isEmpty();
    assertThat(days.before(at("2026-03-14T00:00:01Z"))).contains("--- Saturday 14 March 2026 ---");
  }

  @Test
  void before_messageWithoutTime_nothing() {
    ChatMessage untimed = new ChatMessage("#lobby", 1, "00".repeat(16), "bob", 0, 0, "hi", true);

    assertThat(days.before(untimed)).isEmpty();
  }

  @Test
  void before_usesTheRelayTimeNotTheSenderClock() {
    long stored = Instant.parse("2026-03-14T00:00:10Z").toEpochMilli();
    long sent = Instant.parse("2026-03-13T23:50:00Z").toEpochMilli();
    ChatMessage skewed =
        new ChatMessage("#lobby", 1, "00".repeat(16), "bob", sent, stored, "x", false);

    assertThat(days.before(skewed)).contains("--- Saturday 14 March 2026 ---");
  }
}
