package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.HeldMessages;
import chat.cli.client.LeftOutMessages;
import chat.crypto.Bytes;
import chat.crypto.EnvelopeSealer;
import chat.crypto.IdentityKeyPair;
import chat.crypto.RecipientEnvelope;
import chat.protocol.StoredMessage;
import java.util.List;
import java.util.Set;
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

  private static HeldBook.Held sized(String conversation, long seq, int bytes) {
    byte[] envelope = new byte[bytes];
    envelope[0] = (byte) seq;
    return new HeldBook.Held(
        conversation, new StoredMessage(seq, 1000 + seq, Bytes.of(envelope)), false);
  }

  @Test
  void file_envelopesPastTheBytesKept_keepsNoMoreThan32MiB() {
    // A sender whose new key is not accepted sends large messages: before, every one stayed in
    // memory until /trust, so enough of them exhausted the heap.
    for (int seq = 1; seq <= 12; seq++) {
      assertThat(book.file("bob", sized("#ops", seq, 4 << 20))).isTrue();
    }

    List<HeldBook.Held> released = book.release("bob");
    assertThat(released.stream().mapToLong(h -> h.stored().envelope().length()).sum())
        .isLessThanOrEqualTo(32L << 20);
    assertThat(released)
        .extracting(h -> h.stored().seq())
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
  }

  @Test
  void file_pastTheEnvelopesKept_keepsTenThousand() {
    for (int seq = 1; seq <= 10_001; seq++) {
      book.file(seq % 2 == 0 ? "bob" : "carol", held("#ops", seq, false));
    }

    assertThat(book.release("bob").size() + book.release("carol").size()).isEqualTo(10_000);
  }

  @Test
  void takeNotKept_namesTheConversationsOfWhatWasNotKept_once_andReleaseFreesRoom() {
    for (int seq = 1; seq <= 8; seq++) {
      book.file("bob", sized("#ops", seq, 4 << 20));
    }
    assertThat(book.file("Bob", sized("#dev", 9, 16))).isTrue(); // noted, not kept
    assertThat(book.file("bob", sized("#ops", 10, 16))).isTrue();
    assertThat(book.file("carol", sized("#ops", 11, 16))).isTrue();

    assertThat(book.takeNotKept("BOB")).containsExactly("#dev", "#ops");
    assertThat(book.takeNotKept("bob")).isEmpty();
    assertThat(book.takeNotKept("carol")).containsExactly("#ops");
    assertThat(book.release("bob")).hasSize(8);
    assertThat(book.file("carol", sized("#ops", 12, 4 << 20))).isTrue();
    assertThat(book.release("carol")).extracting(h -> h.stored().seq()).containsExactly(12L);
    assertThat(book.takeNotKept("carol")).isEmpty();
  }

  @Test
  void notKeptNotice_saysTheLimitAndWhereTheOthersAre() {
    assertThat(HeldBook.notKeptNotice("bob"))
        .isEqualTo(
            "more messages from bob were held here than this client keeps in memory (10000"
                + " messages or 32 MiB); the others are not shown: read them in this"
                + " conversation's history");
  }

  /** A held form of bob's message to himself in {@code conversation}, with its id. */
  private static HeldBook.Held sealed(String conversation, long seq, IdentityKeyPair bob) {
    java.security.SecureRandom random = new java.security.SecureRandom();
    byte[] form =
        new EnvelopeSealer(random, java.time.Clock.systemUTC())
            .seal(bob, conversation, List.of(bob.bundle()), "hi".getBytes())
            .forRecipient("bob")
            .orElseThrow()
            .encode();
    return new HeldBook.Held(conversation, new StoredMessage(seq, seq, Bytes.of(form)), false);
  }

  private static String idOf(HeldBook.Held held) throws Exception {
    return RecipientEnvelope.parse(held.stored().envelope().toByteArray()).header().messageIdHex();
  }

  @Test
  void forget_dropsTheDeletedOnesOfThatSenderAndConversation_only() throws Exception {
    IdentityKeyPair bob =
        IdentityKeyPair.generate(
            "bob", new java.security.SecureRandom(), java.time.Clock.systemUTC());
    HeldBook.Held deleted = sealed("#ops", 1, bob);
    HeldBook.Held kept = sealed("#ops", 2, bob);
    HeldBook.Held elsewhere = sealed("#dev", 3, bob);
    for (HeldBook.Held held : List.of(deleted, kept, elsewhere)) {
      book.file("bob", held);
    }

    book.forget("carol", "#ops", Set.of(idOf(deleted)));
    book.forget("Bob", "#dev", Set.of(idOf(deleted)));
    book.forget("Bob", "#ops", Set.of(idOf(deleted), idOf(elsewhere)));

    assertThat(book.release("bob")).containsExactly(elsewhere, kept);
  }
}
