package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.Bytes;
import java.util.List;
import org.junit.jupiter.api.Test;

class MembersDifferSaidTest {
  private final MembersDifferSaid said = new MembersDifferSaid();

  private static Bytes set(int n) {
    return Bytes.of(new byte[] {(byte) (n >> 8), (byte) n});
  }

  @Test
  void news_theSameSetAgain_noNews_anotherSetOrOtherKeysAre() {
    assertThat(said.news("#ops", "bob", set(1), List.of())).isTrue();
    assertThat(said.news("#ops", "bob", set(1), List.of())).isFalse();
    assertThat(said.news("#ops", "BOB", set(1), List.of())).isFalse();
    assertThat(said.news("#ops", "bob", set(2), List.of())).isTrue();
    assertThat(said.news("#ops", "bob", set(2), List.of("carol"))).isTrue();
    assertThat(said.news("#ops", "bob", set(2), List.of("carol"))).isFalse();
  }

  /**
   * A set said to differ, then found to be the members seen without its sender (a list fetched
   * since has it), is news: that says more. Said once too.
   */
  @Test
  void news_theSameSetFoundToLeaveOutItsSender_isNewsOnce() {
    assertThat(said.news("#ops", "mallory", set(1), List.of())).isTrue();

    assertThat(said.news("#ops", "mallory", set(1), List.of(), true)).isTrue();
    assertThat(said.news("#ops", "mallory", set(1), List.of(), true)).isFalse();
  }

  @Test
  void news_perConversationAndSender() {
    said.news("#ops", "bob", set(1), List.of());

    assertThat(said.news("#dev", "bob", set(1), List.of())).isTrue();
    assertThat(said.news("#ops", "carol", set(1), List.of())).isTrue();
  }

  @Test
  void matched_aMessageToTheMembersSeen_theSameDifferenceIsNewsAgain() {
    said.news("#ops", "bob", set(1), List.of());
    said.news("#ops", "carol", set(1), List.of());

    said.matched("#ops", "Bob");

    assertThat(said.news("#ops", "bob", set(1), List.of())).isTrue();
    assertThat(said.news("#ops", "carol", set(1), List.of())).isFalse();
  }

  @Test
  void news_pastThePairsRemembered_theLeastRecentlySaidIsForgotten() {
    said.news("#ops", "bob", set(1), List.of());
    for (int n = 0; n < MembersDifferSaid.MAX_REMEMBERED - 1; n++) {
      assertThat(said.news("#room" + n, "bob", set(1), List.of())).isTrue();
    }
    assertThat(said.news("#ops", "bob", set(1), List.of())).isFalse();

    assertThat(said.news("#one-more", "bob", set(1), List.of())).isTrue();

    assertThat(said.news("#room0", "bob", set(1), List.of())).isTrue();
    assertThat(said.news("#ops", "bob", set(1), List.of())).isFalse();
  }
}
