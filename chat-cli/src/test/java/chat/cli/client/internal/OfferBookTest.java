package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.ChatMessage;
import chat.cli.client.FileOffer;
import chat.crypto.FileStreamCipher;
import org.junit.jupiter.api.Test;

class OfferBookTest {
  private static final String FILE_ID = "00112233445566778899aabbccddeeff";

  private static ChatMessage message(String conversation, long seq, String sender, long stored) {
    String messageId = String.format("%032x", seq * 1_000 + stored);
    return new ChatMessage(conversation, seq, messageId, sender, stored, stored, "", false);
  }

  private static Content.File file(String name) {
    return file(name, FILE_ID);
  }

  private static Content.File file(String name, String id) {
    return new Content.File(
        id,
        name,
        5,
        "ab".repeat(32),
        FileKey.of(new byte[32]),
        FileStreams.CIPHER,
        FileStreams.SEGMENT_BYTES,
        FileStreamCipher.ciphertextSize(5),
        99);
  }

  private static String kept(OfferBook book) {
    FileOffer offer = book.get(FILE_ID).orElseThrow().offer();
    return offer.sender() + " " + offer.name();
  }

  @Test
  void laterOffer_ofTheSameFile_isIgnored() {
    OfferBook book = new OfferBook();

    assertThat(book.listed(message("#team", 3, "alice", 100), file("report.pdf"))).isPresent();
    assertThat(book.listed(message("#team", 7, "mallory", 200), file("mine.pdf"))).isEmpty();

    assertThat(kept(book)).isEqualTo("alice report.pdf");
  }

  @Test
  void historyReadNewestFirst_stillKeepsTheOfferStoredFirst() {
    OfferBook book = new OfferBook();

    assertThat(book.listed(message("#team", 7, "mallory", 200), file("mine.pdf"))).isPresent();
    assertThat(book.listed(message("#team", 3, "alice", 100), file("report.pdf"))).isPresent();
    assertThat(book.listed(message("#team", 7, "mallory", 200), file("mine.pdf"))).isEmpty();

    assertThat(kept(book)).isEqualTo("alice report.pdf");
  }

  @Test
  void acrossConversations_theOfferTheRelayStoredFirstWins() {
    OfferBook book = new OfferBook();

    book.listed(message("@alice+mallory", 1, "mallory", 200), file("mine.pdf"));
    book.listed(message("#team", 9, "alice", 100), file("report.pdf"));

    assertThat(kept(book)).isEqualTo("alice report.pdf");
  }

  @Test
  void theSameMessageAgain_isListedAsTheOfferKept() {
    OfferBook book = new OfferBook();
    book.listed(message("#team", 3, "alice", 100), file("report.pdf"));

    assertThat(book.listed(message("#team", 3, "alice", 100), file("report.pdf")))
        .get()
        .extracting(FileOffer::name)
        .isEqualTo("report.pdf");
  }

  @Test
  void forget_ofTheOfferingMessage_dropsTheOffer_othersStay() {
    OfferBook book = new OfferBook();
    ChatMessage offering = message("#team", 3, "alice", 100);
    book.listed(offering, file("report.pdf"));

    book.forget("#team", java.util.Set.of("ff".repeat(16)));
    book.forget("#other", java.util.Set.of(offering.messageId()));
    assertThat(book.get(FILE_ID)).as("another conversation's deletion").isPresent();
    assertThat(book.deleted("0011")).isEmpty();
    book.forget("#team", java.util.Set.of(offering.messageId()));

    assertThat(book.get(FILE_ID)).isEmpty();
    assertThat(book.all()).isEmpty();
    assertThat(book.deleted("0011")).map(FileOffer::name).contains("report.pdf");
    assertThat(book.deleted("0012")).isEmpty();
  }

  @Test
  void deleted_isForgottenWhenTheSameFileIsOfferedAgain_andPastItsBound() {
    OfferBook book = new OfferBook();
    book.listed(message("#team", 3, "alice", 100), file("report.pdf"));
    book.forget("#team", java.util.Set.of(message("#team", 3, "alice", 100).messageId()));
    book.listed(message("#team", 9, "bob", 200), file("again.pdf"));
    assertThat(book.deleted(FILE_ID)).as("offered again: it can be accepted").isEmpty();

    OfferBook full = new OfferBook();
    for (int i = 0; i <= OfferBook.MAX_DELETED; i++) {
      ChatMessage offering = message("#team", i + 1, "alice", 100);
      full.add(
          new FileOffer(
              "#team",
              i + 1,
              offering.messageId(),
              "alice",
              100,
              100,
              String.format("%032x", i),
              "f" + i,
              5,
              99,
              false),
          file("f", String.format("%032x", i)));
      full.forget("#team", java.util.Set.of(offering.messageId()));
    }
    assertThat(full.deleted(String.format("%032x", 0))).as("the oldest, past the bound").isEmpty();
    assertThat(full.deleted(String.format("%032x", OfferBook.MAX_DELETED))).isPresent();
  }
}
