package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.CommandException;
import chat.crypto.FileStreamCipher;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentTest {
  private static final String ID = "00112233445566778899aabbccddeeff";
  private static final String SHA = "ab".repeat(32);

  private static Content.File file(long size) {
    return new Content.File(
        ID,
        "report.pdf",
        size,
        SHA,
        FileKey.of(new byte[32]),
        FileStreams.CIPHER,
        FileStreams.SEGMENT_BYTES,
        FileStreamCipher.ciphertextSize(size),
        1234);
  }

  @Test
  void encodeDecode_fileOffer_roundTripsWithKindFile() {
    byte[] json = Content.encode(file(5000));
    assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"kind\":\"file\"");
    Content.File back = (Content.File) Content.decode(json);
    assertThat(back.id()).isEqualTo(ID);
    assertThat(back.size()).isEqualTo(5000);
    assertThat(back.ciphertextSize()).isEqualTo(FileStreamCipher.ciphertextSize(5000));
    assertThat(back.key().base64()).isEqualTo(file(5000).key().base64());
  }

  @Test
  void toString_fileOffer_neverShowsTheKey() {
    Content.File offer = file(1);
    assertThat(offer.toString()).contains("FileKey[redacted]").doesNotContain(offer.key().base64());
  }

  @Test
  void decode_unreadable_saysWhy_quotingAnUnknownKindShortened() {
    assertThat(rejection("{\"kind\":\"poll\",\"question\":\"?\"}"))
        .isEqualTo("an unknown kind of content, \"poll\" (from a newer client?)");
    assertThat(rejection("{\"kind\":\"" + "k".repeat(500) + "\"}"))
        .isEqualTo(
            "an unknown kind of content, \""
                + "k".repeat(Content.MAX_QUOTED_KIND_GLYPHS)
                + "\" (from a newer client?)");
    assertThat(rejection("{\"text\":\"no kind\"}")).isEqualTo("content that names no kind");
    assertThat(rejection("{\"kind\":\"text\",\"text\":\"" + "x".repeat(70_000) + "\"}"))
        .isEqualTo("invalid content: text longer than 65536 characters");
    assertThat(rejection("not json"))
        .isEqualTo("content in a format this client does not know (from a newer client?)");
  }

  @Test
  void decode_unknownKindOfEmoji_isQuotedCutBetweenGlyphs() {
    // cut at 32 chars, the quote ended in half an emoji: a lone surrogate
    assertThat(rejection("{\"kind\":\"x" + "😀".repeat(40) + "\"}"))
        .isEqualTo(
            "an unknown kind of content, \"x"
                + "😀".repeat(Content.MAX_QUOTED_KIND_GLYPHS - 1)
                + "\" (from a newer client?)");
  }

  private static String rejection(String plaintext) {
    try {
      Content.decode(plaintext.getBytes(StandardCharsets.UTF_8));
    } catch (CommandException.EnvelopeRejected e) {
      return e.getMessage();
    }
    throw new AssertionError("accepted: " + plaintext);
  }

  @Test
  void decode_fileOfferWithUnknownCipherOrBadKey_isRejected() {
    String good = new String(Content.encode(file(7)), StandardCharsets.UTF_8);
    for (String bad :
        new String[] {
          good.replace(FileStreams.CIPHER, "file-stream-v9"),
          good.replace("\"key\":\"", "\"key\":\"AAAA"),
          good.replace("\"size\":7", "\"size\":8"),
          good.replace(ID, "../../../etc/passwd00000000000000")
        }) {
      assertThatThrownBy(() -> Content.decode(bad.getBytes(StandardCharsets.UTF_8)))
          .as(bad)
          .isInstanceOf(CommandException.EnvelopeRejected.class);
    }
  }
}
