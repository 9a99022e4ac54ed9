package chat.server.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class FileServiceTest {
  @Test
  void chunkBytesFor_defaultFrames_is256KiB() {
    assertThat(FileService.chunkBytesFor(4 << 20)).isEqualTo(256 * 1024);
    assertThat(FileService.chunkBytesFor(64 << 20)).isEqualTo(256 * 1024);
  }

  @Test
  void chunkBytesFor_smallestFrames_chunkAndItsJsonStillFit() {
    int frame = 64 * 1024;
    int chunk = FileService.chunkBytesFor(frame);
    assertThat(chunk % 1024).isZero();
    int base64 = Base64.getEncoder().encodeToString(new byte[chunk]).length();
    String overhead =
        "{\"type\":\"file_data\",\"re\":\""
            + "r".repeat(64)
            + "\",\"fileId\":\""
            + "0".repeat(32)
            + "\",\"offset\":1099511627776,\"data\":\"\",\"size\":1099511627776}";
    assertThat(base64 + overhead.length()).isLessThanOrEqualTo(frame);
  }
}
