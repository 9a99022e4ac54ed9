package chat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** When a held log-in's line is shown, and when never. */
class HeldLogInsTest {
  private static final long VISIT = HeldLogIns.BRIEF_VISIT.toMillis();
  private final HeldLogIns logIns = new HeldLogIns();

  private static List<String> lines(List<HeldLogIns.Held> held) {
    return held.stream().map(HeldLogIns.Held::line).toList();
  }

  @Test
  void takeDue_onceItHasLasted_oldestFirst_andOnlyOnce() {
    logIns.hold("bob", "bob came online", 1_000);
    logIns.hold("carol", "carol came online", 2_000);

    assertThat(logIns.takeDue(1_000 + VISIT - 1, false)).isEmpty();
    assertThat(lines(logIns.takeDue(2_000 + VISIT, false)))
        .containsExactly("bob came online", "carol came online");
    assertThat(logIns.takeDue(10 * VISIT, true)).isEmpty();
  }

  @Test
  void leftWithin_orWroteMeanwhile_neverShown() {
    logIns.hold("bob", "bob came online", 0);
    logIns.hold("carol", "carol came online", 0);
    logIns.wrote("Carol");

    assertThat(logIns.leftWithin("BOB")).isTrue();
    assertThat(logIns.leftWithin("bob")).as("taken").isFalse();
    assertThat(logIns.takeDue(VISIT, false)).isEmpty();
    assertThat(logIns.leftWithin("carol")).as("taken by takeDue").isFalse();
  }

  @Test
  void release_onlyTheLogInItHeld_notALaterOne() {
    HeldLogIns.Held first = logIns.hold("bob", "bob came online", 0);
    assertThat(logIns.leftWithin("bob")).isTrue();
    HeldLogIns.Held second = logIns.hold("bob", "bob came online again", 100);

    assertThat(logIns.release(first)).isEmpty();
    assertThat(logIns.release(second)).map(HeldLogIns.Held::line).contains("bob came online again");
    assertThat(logIns.release(second)).isEmpty();
  }

  @Test
  void takeBefore_anotherChangeFollows_theLogInFirst_unlessTheyWrote() {
    logIns.hold("bob", "bob came online", 0);
    logIns.hold("carol", "carol came online", 0);
    logIns.wrote("carol");

    assertThat(logIns.takeBefore("bob")).map(HeldLogIns.Held::line).contains("bob came online");
    assertThat(logIns.takeBefore("carol")).isEmpty();
    assertThat(logIns.takeDue(0, true)).isEmpty();
  }

  @Test
  void retainAndClear_forgetThoseNoLongerWanted() {
    logIns.hold("bob", "bob came online", 0);
    logIns.hold("carol", "carol came online", 0);

    logIns.retain(name -> name.equals("carol"));
    assertThat(lines(logIns.takeDue(0, true))).containsExactly("carol came online");
    logIns.hold("dave", "dave came online", 0);
    logIns.clear();
    assertThat(logIns.takeDue(0, true)).isEmpty();
  }
}
