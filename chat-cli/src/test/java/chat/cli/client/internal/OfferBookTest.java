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
    return new Content.File(
        FILE_ID,
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
    book.forget("#team", java.util.Set.of(offering.messageId()));

    assertThat(book.get(FILE_ID)).isEmpty();
    assertThat(book.all()).isEmpty();
  }
}
