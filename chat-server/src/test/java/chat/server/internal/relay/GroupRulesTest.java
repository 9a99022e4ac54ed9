package chat.server.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How long a mute has left, as the refusal of a muted member's post says it. */
class GroupRulesTest {
  private static final long MINUTE = 60_000;

  @Test
  void left_minutesUpTo90_hoursUpTo48_thenDaysAndTheHoursOver_alwaysRoundedUp() {
    assertThat(GroupRules.left(1)).isEqualTo("1 more minute");
    assertThat(GroupRules.left(MINUTE)).isEqualTo("1 more minute");
    assertThat(GroupRules.left(MINUTE + 1)).isEqualTo("2 more minutes");
    assertThat(GroupRules.left(90 * MINUTE)).isEqualTo("90 more minutes");
    assertThat(GroupRules.left(90 * MINUTE + 1)).isEqualTo("2 more hours");
    assertThat(GroupRules.left(48 * 60 * MINUTE)).isEqualTo("48 more hours");
    assertThat(GroupRules.left(48 * 60 * MINUTE + 1)).isEqualTo("2 more days and 1 hour");
    assertThat(GroupRules.left(53 * 60 * MINUTE)).isEqualTo("2 more days and 5 hours");
    assertThat(GroupRules.left(14 * 24 * 60 * MINUTE)).isEqualTo("14 more days");
  }
}
