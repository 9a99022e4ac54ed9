package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.HeldMessages;
import chat.cli.client.LeftOutMessages;
import chat.crypto.Bytes;
import chat.protocol.StoredMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldBookTest {
  private final HeldBook book = new HeldBook();

  private static HeldBook.Held held(String conversation, long seq, boolean listed) {
    return new HeldBook.Held(
        conversation,
        new StoredMessage(seq, 1000 + seq, Bytes.of(new byte[] {(byte) seq})),
        listed);
  }

  @Test
  void file_sameEnvelopeTwice_filesItOnce_evenFromAHistoryPage() {
    assertThat(book.file("bob", held("#ops", 3, false))).isTrue();

    assertThat(book.file("Bob", held("#ops", 3, true))).isFalse();
    assertThat(book.release("bob")).containsExactly(held("#ops", 3, false));
    assertThat(book.release("bob")).isEmpty();
  }

  @Test
  void release_inConversationAndStoredOrder() {
    book.file("bob", held("#ops", 5, true));
    book.file("bob", held("#dev", 9, false));
    book.file("bob", held("#ops", 2, false));
    book.file("carol", held("#ops", 4, false));

    assertThat(book.release("bob"))
        .containsExactly(held("#dev", 9, false), held("#ops", 2, false), held("#ops", 5, true));
  }

  @Test
  void takeCatchUp_countsPerSenderWithTheirSeqs_thenForgetsThem() {
    book.countInCatchUp("#ops", "bob", 5);
    book.countInCatchUp("#ops", "bob", 2);
    book.countInCatchUp("#ops", "carol", 3);
    book.countInCatchUp("#dev", "bob", 4);

    assertThat(book.takeCatchUp("#ops"))
        .containsExactly(
            new HeldMessages("#ops", "bob", List.of(2L, 5L)), HeldMessages.one("#ops", "carol", 3));
    assertThat(book.takeCatchUp("#ops")).isEmpty();
    assertThat(book.takeCatchUp("#dev")).containsExactly(HeldMessages.one("#dev", "bob", 4));
  }

  @Test
  void takeLeftOutInCatchUp_countsPerConversationSenderAndReason_andClears() {
    book.countLeftOutInCatchUp("#ops", "bob", LeftOutMessages.Reason.OLD_KEY, 4);
    book.countLeftOutInCatchUp("#ops", "", LeftOutMessages.Reason.DAMAGED, 3);
    book.countLeftOutInCatchUp("#ops", "bob", LeftOutMessages.Reason.OLD_KEY, 2);
    book.countLeftOutInCatchUp("#ops", "", LeftOutMessages.Reason.DAMAGED, 5);
    book.countLeftOutInCatchUp("#dev", "carol", LeftOutMessages.Reason.NOT_VERIFIED, 4);

    assertThat(book.takeLeftOutInCatchUp("#ops"))
        .containsExactly(
            new LeftOutMessages("#ops", "", LeftOutMessages.Reason.DAMAGED, List.of(3L, 5L)),
            new LeftOutMessages("#ops", "bob", LeftOutMessages.Reason.OLD_KEY, List.of(2L, 4L)));
    assertThat(book.takeLeftOutInCatchUp("#ops")).isEmpty();
    assertThat(book.takeCatchUp("#dev")).isEmpty(); // not counted as held
    assertThat(book.takeLeftOutInCatchUp("#dev")).hasSize(1);
  }
}
