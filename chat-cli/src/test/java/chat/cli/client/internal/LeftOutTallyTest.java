package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.LeftOutMessages;
import chat.cli.client.LeftOutMessages.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeftOutTallyTest {
  private final LeftOutTally tally = new LeftOutTally("#ops");

  @Test
  void messages_nothingCounted_empty() {
    assertThat(tally.messages()).isEmpty();
    assertThat(tally.isEmpty()).isTrue();
  }

  @Test
  void messages_onePerSenderAndReason_sortedBySenderThenReason() {
    tally.count("carol", Reason.NOT_VERIFIED, 9);
    tally.count("bob", Reason.NOT_FOR_YOUR_KEY, 4);
    tally.count("bob", Reason.OLD_KEY, 3);
    tally.count("bob", Reason.OLD_KEY, 1);
    tally.add(new LeftOutMessages("#ops", "carol", Reason.NOT_VERIFIED, List.of(5L, 6L, 7L)));

    assertThat(tally.messages())
        .containsExactly(
            new LeftOutMessages("#ops", "bob", Reason.OLD_KEY, List.of(1L, 3L)),
            new LeftOutMessages("#ops", "bob", Reason.NOT_FOR_YOUR_KEY, List.of(4L)),
            new LeftOutMessages("#ops", "carol", Reason.NOT_VERIFIED, List.of(5L, 6L, 7L, 9L)));
  }

  @Test
  void count_sameSequenceNumberAgain_countedOnce_forTheFirstReason() {
    tally.count("", Reason.DAMAGED, 5);
    tally.count("", Reason.DAMAGED, 5);
    tally.count("bob", Reason.NOT_FOR_THIS_CONVERSATION, 5);
    tally.add(new LeftOutMessages("#ops", "", Reason.DAMAGED, List.of(5L, 6L)));

    assertThat(tally.messages())
        .containsExactly(new LeftOutMessages("#ops", "", Reason.DAMAGED, List.of(5L, 6L)));
  }
}
