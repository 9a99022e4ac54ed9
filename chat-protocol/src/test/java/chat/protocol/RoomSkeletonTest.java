package chat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RoomSkeletonTest {
  @ParameterizedTest(name = "{0} looks like {1}")
  @CsvSource({
    "#announcements, #announcernents",
    "#ops, #0ps",
    "#lobby, #1obby",
    "#lobby, #l0bby",
    "#dev, #clev",
    "#wiki, #vviki",
    "#dev-ops, #dev_ops",
    "#dev-ops, #dev--ops",
    "#a, #a",
    "#2024, #2o24"
  })
  void lookalikes_haveOneSkeleton(String a, String b) {
    assertThat(RoomSkeleton.of(a)).isEqualTo(RoomSkeleton.of(b));
  }

  @ParameterizedTest(name = "{0} does not look like {1}")
  @CsvSource({
    "#ops, #opz",
    "#devops, #dev-ops", // a separator added is a new name, not a lookalike
    "#team, #teams",
    "#lobby, #iobby",
    "#2024, #2025"
  })
  void differentNames_haveDifferentSkeletons(String a, String b) {
    assertThat(RoomSkeleton.of(a)).isNotEqualTo(RoomSkeleton.of(b));
  }

  @ParameterizedTest
  @CsvSource({"#ops, ops", "#announcements, announcernents", "#dev-ops, clev_ops", "#_-_, _"})
  void of_theRulesWithoutTheHash(String room, String skeleton) {
    assertThat(RoomSkeleton.of(room)).isEqualTo(skeleton);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ops", "#", "#Ops", "#a.b", "@alice+bob", ""})
  void of_notARoom_isRefused(String id) {
    assertThatThrownBy(() -> RoomSkeleton.of(id)).isInstanceOf(IllegalArgumentException.class);
  }
}
