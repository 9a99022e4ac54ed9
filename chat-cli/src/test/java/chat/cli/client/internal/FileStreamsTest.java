package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.crypto.AuthenticationException;
import chat.crypto.FileStreamCipher;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class FileStreamsTest {
  private static final String ID = "00112233445566778899aabbccddeeff";

  @Test
  void associatedData_fileInARoom_isContextZeroIdLengthAndConversation() {
    byte[] ad = FileStreams.associatedData(ID, "#team");
    assertThat(HexFormat.of().formatHex(ad))
        .isEqualTo(
            HexFormat.of()
                    .formatHex(
                        "chat-e2e/v1/file".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                + "00"
                + ID
                + "05"
                + HexFormat.of()
                    .formatHex("#team".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
  }

  @Test
  void decrypt_streamOfAnotherFileOrConversation_failsToAuthenticate() throws Exception {
    byte[] key = Transfers.random(32);
    byte[] plain = Transfers.random(1000);
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    new FileStreamCipher(key)
        .encrypt(new ByteArrayInputStream(plain), stream, FileStreams.associatedData(ID, "#a"));
    for (byte[] otherAd :
        new byte[][] {
          FileStreams.associatedData(ID, "#b"),
          FileStreams.associatedData("f" + ID.substring(1), "#a")
        }) {
      assertThatThrownBy(
              () ->
                  new FileStreamCipher(key)
                      .decrypt(
                          new ByteArrayInputStream(stream.toByteArray()),
                          new ByteArrayOutputStream(),
                          otherAd))
          .isInstanceOf(AuthenticationException.class);
    }
  }

  @Test
  void checkOffer_wrongFields_areRefused() {
    String sha = "ab".repeat(32);
    long size = 10;
    long encrypted = FileStreamCipher.ciphertextSize(size);
    String cipher = FileStreams.CIPHER;
    int segment = FileStreams.SEGMENT_BYTES;
    FileStreams.checkOffer(ID, "a.txt", size, sha, cipher, segment, encrypted);
    assertRefused(() -> FileStreams.checkOffer("XYZ", "a", size, sha, cipher, segment, encrypted));
    assertRefused(() -> FileStreams.checkOffer(ID, "", size, sha, cipher, segment, encrypted));
    assertRefused(
        () -> FileStreams.checkOffer(ID, "a".repeat(1025), size, sha, cipher, segment, encrypted));
    assertRefused(() -> FileStreams.checkOffer(ID, "a", -1, sha, cipher, segment, encrypted));
    assertRefused(() -> FileStreams.checkOffer(ID, "a", size, "AB", cipher, segment, encrypted));
    assertRefused(() -> FileStreams.checkOffer(ID, "a", size, sha, "aes-ctr", segment, encrypted));
    assertRefused(() -> FileStreams.checkOffer(ID, "a", size, sha, cipher, 4096, encrypted));
    assertRefused(() -> FileStreams.checkOffer(ID, "a", size, sha, cipher, segment, encrypted + 1));
  }

  private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class);
  }
}
