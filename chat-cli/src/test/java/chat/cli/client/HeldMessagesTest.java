package chat.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeldMessagesTest {
  @Test
  void notice_oneMessage_theWordsOfAHeldLiveMessage_namingItsSeqAndNoCommand() {
    assertThat(HeldMessages.one("#ops", "bob", 2).notice())
        .isEqualTo(
            "message #2 from bob is signed with a new key you have not accepted; it is held");
  }

  @Test
  void notice_severalMessages_saysHowMany() {
    assertThat(new HeldMessages("#ops", "bob", List.of(2L, 3L, 4L)).notice())
        .isEqualTo(
            "3 messages from bob are signed with a new key you have not accepted; they are held");
  }

  @Test
  void new_repeatedAndUnorderedSeqs_keptAscendingOnce() {
    HeldMessages held = new HeldMessages("#ops", "bob", List.of(7L, 3L, 7L));

    assertThat(held.seqs()).containsExactly(3L, 7L);
    assertThat(held.count()).isEqualTo(2);
  }

  @Test
  void with_overlappingSeqs_countsEachMessageOnce() {
    HeldMessages held = new HeldMessages("#ops", "bob", List.of(3L, 4L));

    assertThat(held.with(List.of(4L, 5L, 6L)).seqs()).containsExactly(3L, 4L, 5L, 6L);
  }

  @Test
  void new_noMessagesOrASeqBelowOne_throws() {
    assertThatThrownBy(() -> new HeldMessages("#ops", "bob", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HeldMessages.one("#ops", "bob", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
