package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import chat.cli.CommandException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Walking a paged list as a relay that names pages without end would have the client walk it. */
class PagesTest {
  private static final int PAGE = 1000;
  private static final Duration BOUND = Duration.ofSeconds(60);

  /** Page {@code n} (0 for the first) holds {@code #r<n>-<i>}, its next {@code #r<n>-999}. */
  private static Pages.Page<String> page(int n, boolean last) {
    List<String> rooms =
        IntStream.range(0, PAGE)
            .mapToObj(i -> String.format(Locale.ROOT, "#r%08d-%03d", n, i))
            .toList();
    return new Pages.Page<>(rooms, last ? null : rooms.get(PAGE - 1));
  }

  /** Pages moving forward, {@code pages} of them (without end when negative). */
  private static Function<String, Pages.Page<String>> relay(int pages, List<String> asked) {
    return after -> {
      asked.add(after);
      int n = asked.size() - 1;
      return page(n, pages >= 0 && n == pages - 1);
    };
  }

  @Test
  void walk_pagesMovingForwardWithoutEnd_areRefusedPastTheLimit_inBoundedTime() {
    List<String> asked = new ArrayList<>();
    assertTimeoutPreemptively(
        BOUND,
        () ->
            assertThatThrownBy(() -> Pages.walk(relay(-1, asked), Pages.MAX_ROOMS, "rooms"))
                .isInstanceOf(CommandException.Network.class)
                .hasMessage("the relay listed more than 100,000 rooms; the list is incomplete"));
    assertThat(asked).hasSize(Pages.MAX_ROOMS / PAGE + 1);
  }

  @Test
  void walk_aListOfExactlyTheLimit_isListedWhole_inOrder() {
    List<String> asked = new ArrayList<>();
    List<String> rooms = Pages.walk(relay(Pages.MAX_ROOMS / PAGE, asked), Pages.MAX_ROOMS, "rooms");
    assertThat(rooms).hasSize(Pages.MAX_ROOMS).isSorted();
    assertThat(asked.get(0)).isNull();
    assertThat(asked.get(1)).isEqualTo(rooms.get(PAGE - 1));
  }

  @Test
  void walk_friendsPastTheirLimit_areRefusedWithTheirWord() {
    assertTimeoutPreemptively(
        BOUND,
        () ->
            assertThatThrownBy(
                    () ->
                        Pages.walk(
                            relay(-1, new ArrayList<>()),
                            Pages.MAX_FRIENDS,
                            "friends and requests"))
                .hasMessage(
                    "the relay listed more than 100,200 friends and requests; the list is"
                        + " incomplete"));
  }

  @Test
  void walk_aCursorThatDoesNotMoveForward_isRefused() {
    Pages.Page<String> same = new Pages.Page<>(List.of("#a"), "#a");
    assertThatThrownBy(() -> Pages.walk(after -> same, Pages.MAX_ROOMS, "rooms"))
        .isInstanceOf(CommandException.Network.class)
        .hasMessageContaining("does not move forward");
  }
}
