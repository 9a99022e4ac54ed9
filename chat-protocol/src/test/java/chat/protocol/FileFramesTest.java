package chat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.crypto.Bytes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FileFramesTest {
  private static final String FILE_ID = "00112233445566778899aabbccddeeff";
  private final FrameCodec codec = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);

  @Test
  void toJson_fileChunk_hasExactFields() {
    String json =
        new String(
            codec.toJson(new FileChunkRequest("c1", FILE_ID, 262144, Bytes.of(new byte[] {1, 2}))),
            StandardCharsets.UTF_8);
    assertThat(json)
        .isEqualTo(
            "{\"type\":\"file_chunk\",\"id\":\"c1\",\"fileId\":\""
                + FILE_ID
                + "\",\"offset\":262144,\"data\":\"AQI=\"}");
  }

  @Test
  void fileIds_upperCaseOrShortOrLong_areRejected() {
    assertThat(FileIds.isValid(FILE_ID)).isTrue();
    assertThat(FileIds.isValid(FILE_ID.toUpperCase(java.util.Locale.ROOT))).isFalse();
    assertThat(FileIds.isValid(FILE_ID.substring(1))).isFalse();
    assertThat(FileIds.isValid(FILE_ID + "0")).isFalse();
    assertThat(FileIds.isValid("../../../../etc/passwd0000000000")).isFalse();
    assertThat(FileIds.isValid(null)).isFalse();
  }

  @Test
  void constructors_outOfRangeValues_throw() {
    Bytes one = Bytes.of(new byte[1]);
    assertThatThrownBy(() -> new FileUploadRequest("1", FILE_ID, "#room", 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new FileUploadRequest("1", FILE_ID, "#room", FileSizes.MAX_FILE_BYTES + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FileChunkRequest("1", FILE_ID, -1, one))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FileChunkRequest("1", FILE_ID, 0, Bytes.of(new byte[0])))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new FileChunkRequest(
                    "1", FILE_ID, 0, Bytes.of(new byte[FileSizes.MAX_CHUNK_BYTES + 1])))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FileDataReply("1", FILE_ID, 10, one, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FileStatusReply("1", FILE_ID, "#a", "bob", 10, 11, false, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FileStatusReply("1", FILE_ID, "#a", "no way", 10, 1, false, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FileUploadReply("1", FILE_ID, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fromJson_badFileFields_badFrameWithId() throws FrameException {
    assertBad("{\"type\":\"file_download\",\"id\":\"f1\",\"fileId\":\"ABC\",\"offset\":0}", "f1");
    assertBad(
        "{\"type\":\"file_download\",\"id\":\"f2\",\"fileId\":\"" + FILE_ID + "\",\"offset\":-5}",
        "f2");
    assertBad(
        "{\"type\":\"file_upload\",\"id\":\"f3\",\"fileId\":\""
            + FILE_ID
            + "\",\"conversation\":\"#a\",\"size\":\"10\"}",
        "f3");
    assertBad(
        "{\"type\":\"file_chunk\",\"id\":\"f4\",\"fileId\":\""
            + FILE_ID
            + "\",\"offset\":0,\"data\":\"not base64!\"}",
        "f4");
    // Base64 without its padding, or with bits beyond its bytes ("AQI=" is the form of 01 02).
    for (String data : new String[] {"AQI", "AQJ=", "AR==", "AQID\\n", "AQI-"}) {
      assertBad(
          "{\"type\":\"file_chunk\",\"id\":\"f7\",\"fileId\":\""
              + FILE_ID
              + "\",\"offset\":0,\"data\":\""
              + data
              + "\"}",
          "f7");
    }
    String padded =
        "{\"type\":\"file_chunk\",\"id\":\"f8\",\"fileId\":\""
            + FILE_ID
            + "\",\"offset\":0,\"data\":\"AQI=\"}";
    assertThat(codec.fromJson(padded.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(FileChunkRequest.class);
    assertBad("{\"type\":\"file_finish\",\"id\":\"f5\"}", "f5");
    assertBad("{\"type\":\"file_delete\",\"id\":\"f6\",\"fileId\":\"" + FILE_ID + "A\"}", "f6");
  }

  private void assertBad(String json, String expectedId) {
    BadFrames.assertBad(codec, json, expectedId);
  }
}
