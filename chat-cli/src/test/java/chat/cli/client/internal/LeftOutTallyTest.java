package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.LeftOutMessages;
import chat.cli.client.LeftOutMessages.Reason;
import org.junit.jupiter.api.Test;

class LeftOutTallyTest {
  private final LeftOutTally tally = new LeftOutTally("#ops");

  @Test
  void messages_nothingCounted_empty() {
    assertThat(tally.messages()).isEmpty();
  }

  @Test
  void messages_onePerSenderAndReason_sortedBySenderThenReason() {
    tally.count("carol", Reason.NOT_VERIFIED);
    tally.count("bob", Reason.NOT_FOR_YOUR_KEY);
    tally.count("bob", Reason.OLD_KEY);
    tally.count("bob", Reason.OLD_KEY);
    tally.add(new LeftOutMessages("#ops", "carol", Reason.NOT_VERIFIED, 3));

    assertThat(tally.messages())
        .containsExactly(
            new LeftOutMessages("#ops", "bob", Reason.OLD_KEY, 2),
            new LeftOutMessages("#ops", "bob", Reason.NOT_FOR_YOUR_KEY, 1),
            new LeftOutMessages("#ops", "carol", Reason.NOT_VERIFIED, 4));
  }
}
