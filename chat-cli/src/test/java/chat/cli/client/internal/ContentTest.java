package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.CommandException;
import chat.crypto.FileStreamCipher;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

  /** One encoding per message: plain text has no action field, an action has "action":true. */
  @Test
  void encodeDecode_text_plainWithoutTheField_anActionWithIt() {
    assertThat(new String(Content.encode(new Content.Text("hi")), StandardCharsets.UTF_8))
        .isEqualTo("{\"kind\":\"text\",\"text\":\"hi\"}");
    assertThat(new String(Content.encode(new Content.Text("hi", false)), StandardCharsets.UTF_8))
        .isEqualTo("{\"kind\":\"text\",\"text\":\"hi\"}");
    byte[] action = Content.encode(new Content.Text("waves", true));
    assertThat(new String(action, StandardCharsets.UTF_8))
        .isEqualTo("{\"kind\":\"text\",\"text\":\"waves\",\"action\":true}");

    assertThat(((Content.Text) Content.decode(action)).describesAction()).isTrue();
    assertThat(((Content.Text) Content.decode(utf8("{\"kind\":\"text\",\"text\":\"x\"}"))))
        .isEqualTo(new Content.Text("x"));
    assertThat(
            ((Content.Text)
                    Content.decode(utf8("{\"kind\":\"text\",\"text\":\"x\",\"action\":false}")))
                .describesAction())
        .isFalse();
  }

  /**
   * A reply names the answered message's id after the other fields; a message that is no reply has
   * no such field.
   */
  @Test
  void encodeDecode_reply_carriesTheIdItNames() {
    String id = "0123456789abcdef0123456789abcdef";
    byte[] reply = Content.encode(new Content.Text("sure", null, id));

    assertThat(new String(reply, StandardCharsets.UTF_8))
        .isEqualTo("{\"kind\":\"text\",\"text\":\"sure\",\"replyTo\":\"" + id + "\"}");
    assertThat(((Content.Text) Content.decode(reply)).replyTo()).isEqualTo(id);
    assertThat(
            Content.decode(
                utf8(
                    "{\"kind\":\"text\",\"text\":\"x\",\"action\":true,\"replyTo\":\""
                        + id
                        + "\"}")))
        .isEqualTo(new Content.Text("x", true, id));
    assertThat(
            ((Content.Text) Content.decode(utf8("{\"kind\":\"text\",\"text\":\"x\"}"))).replyTo())
        .isNull();
  }

  /**
   * A reply's id is 32 lowercase hex digits, or the content is refused (as every client refuses
   * it).
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"0123456789ABCDEF0123456789ABCDEF\"",
        "\"0123456789abcdef0123456789abcde\"",
        "\"0123456789abcdef0123456789abcdef0\"",
        "\"\"",
        "12",
        "null",
        "[\"0123456789abcdef0123456789abcdef\"]",
        "{}"
      })
  void decode_replyToThatIsNoMessageId_isRefused(String value) {
    byte[] json = utf8("{\"kind\":\"text\",\"text\":\"x\",\"replyTo\":" + value + "}");

    assertThatThrownBy(() -> Content.decode(json))
        .isInstanceOf(CommandException.EnvelopeRejected.class);
  }

  /** An edit names the message it corrects after the other fields, as a reply does. */
  @Test
  void encodeDecode_edit_carriesTheIdItNames() {
    String id = "0123456789abcdef0123456789abcdef";
    byte[] edit = Content.encode(new Content.Text("at one", true, null, id));

    assertThat(new String(edit, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"kind\":\"text\",\"text\":\"at one\",\"action\":true,\"edits\":\"" + id + "\"}");
    Content.Text back = (Content.Text) Content.decode(edit);
    assertThat(back.edits()).isEqualTo(id);
    assertThat(back.replyTo()).isNull();
    assertThat(((Content.Text) Content.decode(utf8("{\"kind\":\"text\",\"text\":\"x\"}"))).edits())
        .isNull();
  }

  /**
   * An edit's id is 32 lowercase hex digits, and an edit is no reply: else the content is refused,
   * by every client alike.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"0123456789ABCDEF0123456789ABCDEF\"",
        "\"0123456789abcdef0123456789abcde\"",
        "\"\"",
        "12",
        "null",
        "[\"0123456789abcdef0123456789abcdef\"]",
        "\"0123456789abcdef0123456789abcdef\",\"replyTo\":\"0123456789abcdef0123456789abcdef\""
      })
  void decode_editsThatIsNoMessageId_orWithAReply_isRefused(String value) {
    byte[] json = utf8("{\"kind\":\"text\",\"text\":\"x\",\"edits\":" + value + "}");

    assertThatThrownBy(() -> Content.decode(json))
        .isInstanceOf(CommandException.EnvelopeRejected.class);
  }

  /** A reaction is one emoji on a message, and nothing else. */
  @Test
  void encodeDecode_reaction_isOneGlyphOnAMessage() {
    String id = "0123456789abcdef0123456789abcdef";
    String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
    byte[] reaction = Content.encode(Content.Text.reaction("👍", id));

    assertThat(new String(reaction, StandardCharsets.UTF_8))
        .startsWith("{\"kind\":\"text\",\"text\":")
        .endsWith(",\"reactsTo\":\"" + id + "\"}");
    assertThat(Content.decode(reaction)).isEqualTo(Content.Text.reaction("👍", id));
    assertThat(Content.Text.reaction(family, id).text()).isEqualTo(family);
    // the sender's rule (one emoji of Unicode's list) is the reference client's own
    assertThat(chat.cli.emoji.EmojiCatalog.shared().isEmoji(family)).isTrue();
    assertThat(chat.cli.emoji.EmojiCatalog.shared().isEmoji("🇩🇪")).isTrue();
    assertThat(chat.cli.emoji.EmojiCatalog.shared().isEmoji("👍👍")).isFalse();
    assertThat(chat.cli.emoji.EmojiCatalog.shared().isEmoji("ok")).isFalse();
    assertThat(chat.cli.emoji.EmojiCatalog.shared().isEmoji("a")).isFalse();
    assertThat(chat.cli.emoji.EmojiCatalog.shared().isEmoji("1")).isFalse();
    assertThat(chat.cli.emoji.EmojiCatalog.shared().isEmoji("1\uFE0F\u20E3")).isTrue();
    assertThat(chat.cli.emoji.EmojiCatalog.shared().isEmoji("❤")).isTrue();
    assertThat(chat.cli.emoji.EmojiCatalog.shared().isEmoji("👍🏽")).isTrue();
    assertThat(chat.cli.emoji.EmojiCatalog.shared().isEmoji("\u200b")).isFalse();
    for (String refused :
        List.of(
            "{\"kind\":\"text\",\"text\":\"a b\",\"reactsTo\":\"" + id + "\"}",
            "{\"kind\":\"text\",\"text\":\"a\u00a0b\",\"reactsTo\":\"" + id + "\"}",
            "{\"kind\":\"text\",\"text\":\"👍\\n\",\"reactsTo\":\"" + id + "\"}",
            "{\"kind\":\"text\",\"text\":\"\\u0007\",\"reactsTo\":\"" + id + "\"}",
            "{\"kind\":\"text\",\"text\":\"\",\"reactsTo\":\"" + id + "\"}",
            "{\"kind\":\"text\",\"text\":\"a"
                + "\u0301".repeat(70)
                + "\",\"reactsTo\":\""
                + id
                + "\"}",
            "{\"kind\":\"text\",\"text\":\"👍\",\"action\":true,\"reactsTo\":\"" + id + "\"}",
            "{\"kind\":\"text\",\"text\":\"👍\",\"replyTo\":\""
                + id
                + "\",\"reactsTo\":\""
                + id
                + "\"}",
            "{\"kind\":\"text\",\"text\":\"👍\",\"edits\":\""
                + id
                + "\",\"reactsTo\":\""
                + id
                + "\"}",
            "{\"kind\":\"text\",\"text\":\"👍\",\"reactsTo\":\"" + id.toUpperCase() + "\"}",
            "{\"kind\":\"text\",\"text\":\"👍\",\"reactsTo\":null}")) {
      assertThatThrownBy(() -> Content.decode(utf8(refused)))
          .as(refused)
          .isInstanceOf(CommandException.EnvelopeRejected.class);
    }
  }

  /** Strict, as every field: a string or a number is not a boolean. */
  @ParameterizedTest
  @ValueSource(strings = {"\"true\"", "\"false\"", "1", "0", "[true]", "{}"})
  void decode_textWithAnActionThatIsNotABoolean_isRefused(String value) {
    byte[] json = utf8("{\"kind\":\"text\",\"text\":\"x\",\"action\":" + value + "}");

    assertThatThrownBy(() -> Content.decode(json))
        .isInstanceOf(CommandException.EnvelopeRejected.class);
  }

  /** The one exception to "null is no value": an action null reads as the field left out. */
  @Test
  void decode_textWithActionNull_isPlainText() {
    byte[] json = utf8("{\"kind\":\"text\",\"text\":\"x\",\"action\":null}");

    assertThat(((Content.Text) Content.decode(json)).describesAction()).isFalse();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
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

  /**
   * Content v1 is one JSON object with fields of the types the spec names: a client that read more
   * than that would show what a stricter client refuses, so two members could see different things
   * in one signed message.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"kind\":\"text\",\"text\":5}",
        "{\"kind\":\"text\",\"text\":true}",
        "{\"kind\":\"text\",\"text\":[\"x\"]}",
        "{\"kind\":\"text\",\"text\":\"x\"} {\"kind\":\"text\",\"text\":\"y\"}",
        "{\"kind\":\"text\",\"text\":\"trailing\"} x",
        "{\"kind\":\"text\",\"text\":\"x\",\"text\":\"y\"}",
        "{\"kind\":\"text\",\"text\":null}",
        "{\"kind\":\"text\"}",
        "[{\"kind\":\"text\",\"text\":\"x\"}]",
        "\"x\""
      })
  void decode_notOneObjectOfTheSpecsTypes_isRejected(String plaintext) {
    assertThatThrownBy(() -> Content.decode(plaintext.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CommandException.EnvelopeRejected.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"size\":\"5000\"",
        "\"size\":5000.0",
        "\"size\":null",
        "\"segmentBytes\":\"65536\"",
        "\"key\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"",
        "\"name\":7"
      })
  void decode_fileOfferWithAFieldOfAnotherType_isRejected(String field) {
    String json = new String(Content.encode(file(5000)), StandardCharsets.UTF_8);
    String name = field.substring(0, field.indexOf(':'));
    String changed = json.replaceFirst(name + ":(\"[^\"]*\"|[0-9]+)", field);
    assertThat(changed).isNotEqualTo(json);
    assertThat(Content.decode(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(Content.File.class);

    assertThatThrownBy(() -> Content.decode(changed.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CommandException.EnvelopeRejected.class);
  }

  @Test
  void decode_unknownFieldsAnywhereInTheObject_areIgnored() {
    Content content =
        Content.decode(
            "{\"x\":{\"y\":[1,2]},\"kind\":\"text\",\"text\":\"hi\",\"z\":null}"
                .getBytes(StandardCharsets.UTF_8));

    assertThat(content).isEqualTo(new Content.Text("hi"));
  }

  /** An overlong ESC is refused, not read as the escape it would decode to. */
  @Test
  void decode_textNotWellFormedUtf8_refused() {
    byte[] start = "{\"kind\":\"text\",\"text\":\"over".getBytes(StandardCharsets.UTF_8);
    byte[] end = "[31mred\"}".getBytes(StandardCharsets.UTF_8);
    byte[] plaintext = new byte[start.length + 2 + end.length];
    System.arraycopy(start, 0, plaintext, 0, start.length);
    plaintext[start.length] = (byte) 0xC0;
    plaintext[start.length + 1] = (byte) 0x9B;
    System.arraycopy(end, 0, plaintext, start.length + 2, end.length);

    assertThatThrownBy(() -> Content.decode(plaintext))
        .isInstanceOf(CommandException.EnvelopeRejected.class)
        .hasMessage("content that is not valid UTF-8");
  }
}
