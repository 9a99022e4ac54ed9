package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.Bytes;
import chat.protocol.StoredMessage;
import org.junit.jupiter.api.Test;

class LeftOutCopiesTest {
  private final LeftOutCopies copies = new LeftOutCopies();

  private static StoredMessage stored(long seq, int content) {
    return new StoredMessage(seq, 1_000, Bytes.of(new byte[] {(byte) content, 7}));
  }

  @Test
  void contains_theSameEnvelopeUnderTheSameNumberInTheSameConversation_only() {
    copies.add("#ops", stored(5, 1));

    assertThat(copies.contains("#ops", stored(5, 1))).isTrue();
    assertThat(copies.contains("#ops", stored(5, 2))).isFalse(); // another envelope
    assertThat(copies.contains("#ops", stored(6, 1))).isFalse(); // another number
    assertThat(copies.contains("#dev", stored(5, 1))).isFalse(); // another conversation
  }

  @Test
  void add_pastTheLimit_forgetsTheOldest() {
    for (int seq = 1; seq <= LeftOutCopies.MAX + 1; seq++) {
      copies.add("#ops", stored(seq, 1));
    }

    assertThat(copies.contains("#ops", stored(1, 1))).isFalse();
    assertThat(copies.contains("#ops", stored(2, 1))).isTrue();
    assertThat(copies.contains("#ops", stored(LeftOutCopies.MAX + 1, 1))).isTrue();
  }
}
