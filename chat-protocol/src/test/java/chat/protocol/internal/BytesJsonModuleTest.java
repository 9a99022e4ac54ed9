package chat.protocol.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.crypto.Bytes;
import chat.protocol.ErrorCode;
import chat.protocol.FrameCodec;
import chat.protocol.FrameException;
import chat.protocol.SendRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BytesJsonModuleTest {
  private final FrameCodec codec = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);

  private static byte[] random(int length) {
    byte[] out = new byte[length];
    new Random(length).nextBytes(out);
    return out;
  }

  private static byte[] send(String envelopeJson) {
    return ("{\"type\":\"send\",\"id\":\"s1\",\"conversation\":\"#room\",\"envelope\":"
            + envelopeJson
            + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String quoted(byte[] value) {
    return "\"" + Base64.getEncoder().encodeToString(value) + "\"";
  }

  @Test
  void fromJson_largeEnvelope_decodedExactly() throws Exception {
    for (int length : new int[] {0, 1, 2, 3, 4, 1000, 600_000}) {
      byte[] envelope = random(length);
      SendRequest request = new SendRequest("s1", "#room", Bytes.of(envelope));

      assertThat(codec.fromJson(codec.toJson(request))).isEqualTo(request);
    }
  }

  @Test
  void fromJson_escapedBase64Characters_sameValueAsUnescaped() throws Exception {
    byte[] envelope = random(30);
    String text = Base64.getEncoder().encodeToString(envelope);
    String escaped = "\"\\u00" + Integer.toHexString(text.charAt(0)) + text.substring(1) + "\"";

    assertThat(((SendRequest) codec.fromJson(send(escaped))).envelope())
        .isEqualTo(Bytes.of(envelope));
  }

  @Test
  void fromJson_typeAfterTheEnvelope_sameValue() throws Exception {
    byte[] envelope = random(5000);
    String json =
        "{\"envelope\":"
            + quoted(envelope)
            + ",\"id\":\"s1\",\"conversation\":\"#room\",\"type\":\"send\"}";

    assertThat(((SendRequest) codec.fromJson(json.getBytes(StandardCharsets.UTF_8))).envelope())
        .isEqualTo(Bytes.of(envelope));
  }

  /** The spec asks for padded base64 in its one form; the JDK's decoder alone reads more. */
  @Test
  void fromJson_unpaddedOrNonCanonicalBase64_badFrameWithId() throws Exception {
    byte[] envelope = random(31);
    String padded = Base64.getEncoder().encodeToString(envelope);
    assertThat(((SendRequest) codec.fromJson(send("\"" + padded + "\""))).envelope())
        .isEqualTo(Bytes.of(envelope));
    String unpadded = Base64.getEncoder().withoutPadding().encodeToString(envelope);
    // 31 bytes end in one pad, and the character before it leaves its two low bits unused (a
    // multiple of 4 in the alphabet): the next character sets one.
    char last = padded.charAt(padded.length() - 2);
    String extraBits = padded.substring(0, padded.length() - 2) + (char) (last + 1) + "=";

    for (String value : new String[] {unpadded, extraBits, "QR==", "QUI", "QUJ="}) {
      assertBadFrameWithId("\"" + value + "\"");
    }
  }

  @Test
  void fromJson_notBase64_badFrameWithId() {
    for (String value :
        new String[] {"\"QUJD RA==\"", "\"QUJD*A==\"", "\"QU=D\"", "\"QUJDé\"", "\"QUJD\\n\""}) {
      assertBadFrameWithId(value);
    }
  }

  /** A send whose envelope is {@code value} (JSON) is BAD_FRAME, with the request id. */
  private void assertBadFrameWithId(String value) {
    assertThatThrownBy(() -> codec.fromJson(send(value)))
        .as(value)
        .isInstanceOfSatisfying(
            FrameException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME);
              assertThat(e.requestId()).contains("s1");
            });
  }

  @Test
  void fromJson_duplicateEnvelopeField_badFrame() {
    byte[] envelope = random(10);
    String json =
        "{\"type\":\"send\",\"id\":\"s1\",\"conversation\":\"#room\",\"envelope\":"
            + quoted(envelope)
            + ",\"envelope\":"
            + quoted(envelope)
            + "}";

    assertThatThrownBy(() -> codec.fromJson(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            FrameException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME));
  }
}
