package chat.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LiveLeftOutCapTest {
  private final LiveLeftOutCap cap = new LiveLeftOutCap();

  private static LeftOutMessages forged(String conversation, long seq) {
    return LeftOutMessages.one(conversation, "forged" + seq, LeftOutMessages.Reason.NO_KEY, seq);
  }

  /** How many of {@code count} forged messages pushed in {@code conversation} the cap says. */
  private long pushed(String conversation, int count) {
    long said = 0;
    for (int seq = 1; seq <= count; seq++) {
      if (cap.say(forged(conversation, seq))) {
        said++;
      }
    }
    return said;
  }

  @Test
  void say_fortyInOneConversation_firstFiveSaid_theOthersCountedBeforeTheNextMessage() {
    assertThat(pushed("#ops", 40)).isEqualTo(LiveLeftOutCap.MAX_NOTICES);

    assertThat(cap.beforeMessage("#ops")).contains(new LiveLeftOutCap.Unsaid("#ops", 35));
    assertThat(cap.beforeMessage("#ops")).isEmpty();
  }

  @Test
  void say_afterAMessageThere_fiveMoreSaid() {
    pushed("#ops", 6);
    cap.beforeMessage("#ops");

    assertThat(pushed("#ops", 6)).isEqualTo(5);
  }

  @Test
  void say_eachConversationHasItsOwnFive_aMessageInOneLeavesTheOtherCounted() {
    pushed("#ops", 7);
    pushed("#dev", 5);

    assertThat(cap.say(forged("#dev", 6))).isFalse();
    assertThat(cap.beforeMessage("#lobby")).isEmpty();
    assertThat(cap.beforeMessage("#dev")).contains(new LiveLeftOutCap.Unsaid("#dev", 1));
    assertThat(cap.say(forged("#dev", 7))).isTrue();
    assertThat(cap.say(forged("#ops", 8))).isFalse();
  }

  @Test
  void say_severalMessagesInOneNotice_countsEach() {
    pushed("#ops", 5);
    cap.say(new LeftOutMessages("#ops", "", LeftOutMessages.Reason.DAMAGED, List.of(6L, 7L, 8L)));

    assertThat(cap.beforeMessage("#ops")).contains(new LiveLeftOutCap.Unsaid("#ops", 3));
  }

  @Test
  void takeAll_everyConversationInTheOrderFirstCounted_andTheCountsStartAgain() {
    pushed("#ops", 6);
    pushed("#dev", 9);
    cap.say(forged("#ops", 7));

    assertThat(cap.takeAll())
        .containsExactly(
            new LiveLeftOutCap.Unsaid("#ops", 2), new LiveLeftOutCap.Unsaid("#dev", 4));
    assertThat(cap.takeAll()).isEmpty();
    assertThat(pushed("#ops", 5)).isEqualTo(5);
  }

  @Test
  void unsaid_notice_inTheWordsOfTheOtherCountedNotices() {
    assertThat(new LiveLeftOutCap.Unsaid("#ops", 12).notice())
        .isEqualTo("12 more messages were left out; they are not shown");
    assertThat(new LiveLeftOutCap.Unsaid("#ops", 1).notice())
        .isEqualTo("1 more message was left out; it is not shown");
    assertThatThrownBy(() -> new LiveLeftOutCap.Unsaid("#ops", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
