package chat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.SessionView;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionTextTest {
  @Test
  void table_columnsInTheZone_unknownAddressSaid_escapesRemoved() {
    List<String> lines =
        SessionText.table(
            List.of(
                new SessionView(
                    "c8c25f86d8d7",
                    Instant.parse("2026-12-01T08:00:00Z"),
                    Instant.parse("2026-12-03T00:41:30Z"),
                    "127.0.0.1",
                    true),
                new SessionView(
                    "ce74d974ecc1",
                    Instant.parse("2026-11-02T10:05:00Z"),
                    Instant.parse("2026-11-02T10:05:00Z"),
                    "",
                    false),
                new SessionView(
                    "28909b16a859",
                    Instant.parse("2026-11-02T10:05:00Z"),
                    Instant.parse("2026-11-02T10:05:00Z"),
                    "10.0.0.1\u001b[2J",
                    false)),
            ZoneOffset.ofHours(1));

    assertThat(lines)
        .containsExactly(
            "ID            LAST USED         CREATED           ADDRESS",
            "c8c25f86d8d7  2026-12-03 01:41  2026-12-01 09:00  127.0.0.1  (this device)",
            "ce74d974ecc1  2026-11-02 11:05  2026-11-02 11:05  unknown",
            "28909b16a859  2026-11-02 11:05  2026-11-02 11:05  10.0.0.1");
  }

  @Test
  void ended_namesThePasswordChangeOfTheMode() {
    assertThat(SessionText.ended("3f9a0c17b2d4", CommandWords.SCRIPT))
        .isEqualTo(
            "ended session 3f9a0c17b2d4: that device is logged out and must log in again with the"
                + " password (change the password too if it may have leaked it: chat passwd)");
    assertThat(SessionText.ended("3f9a0c17b2d4", CommandWords.SLASH))
        .endsWith("if it may have leaked it: /passwd)");
  }
}
