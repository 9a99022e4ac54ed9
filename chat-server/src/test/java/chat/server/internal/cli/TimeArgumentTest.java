package chat.server.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeArgumentTest {
  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final ZoneId ZONE = ZoneId.of("Europe/Paris");

  private static Instant parse(String text) {
    return Instant.ofEpochMilli(TimeArgument.parse(text, CLOCK, ZONE));
  }

  @Test
  void parse_ages_countBackFromNow() {
    assertThat(parse("30m")).isEqualTo(NOW.minusSeconds(1800));
    assertThat(parse("24h")).isEqualTo(NOW.minusSeconds(86_400));
    assertThat(parse("7D")).isEqualTo(NOW.minusSeconds(7 * 86_400));
    assertThat(parse("2w")).isEqualTo(NOW.minusSeconds(14 * 86_400));
  }

  @Test
  void parse_localDateAndTime_inTheGivenZone() {
    assertThat(parse("2026-11-22")).isEqualTo(Instant.parse("2026-11-21T23:00:00Z"));
    assertThat(parse("2026-11-22T09:30")).isEqualTo(Instant.parse("2026-11-22T08:30:00Z"));
  }

  @Test
  void parse_instantsWithOffset_exact() {
    assertThat(parse("2026-11-22T09:30:00Z")).isEqualTo(Instant.parse("2026-11-22T09:30:00Z"));
    assertThat(parse("2026-11-22T09:30:00+01:00")).isEqualTo(Instant.parse("2026-11-22T08:30:00Z"));
  }

  @Test
  void parse_nonsense_failsWithTheAcceptedForms() {
    assertThatThrownBy(() -> parse("yesterday"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a time: 'yesterday'")
        .hasMessageContaining("24h");
  }

  /** Times before 1970 or past what milliseconds count are every event and none, not failures. */
  @Test
  void parse_beyondWhatMillisecondsCount_theFirstOrTheLast() {
    assertThat(TimeArgument.parse("1969-12-31", CLOCK, ZONE)).isZero();
    assertThat(TimeArgument.parse("1969-12-31T23:59:59Z", CLOCK, ZONE)).isZero();
    assertThat(TimeArgument.parse("999999999w", CLOCK, ZONE)).isZero();
    assertThat(TimeArgument.parse("+999999999-12-31T00:00:00Z", CLOCK, ZONE))
        .isEqualTo(Long.MAX_VALUE);
  }
}
