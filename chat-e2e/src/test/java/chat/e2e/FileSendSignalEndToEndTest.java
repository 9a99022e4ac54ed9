package chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chat file send} stopped by a signal mid-upload (Ctrl-C, or a SIGTERM as here) cancels the
 * upload, so the relay deletes what it holds of it, where it used to keep it against the sender's
 * quota until it expired.
 */
class FileSendSignalEndToEndTest {
  @RegisterExtension final RelayExtension relay = new RelayExtension();
  @TempDir Path home;

  @Test
  void fileSend_stoppedBySigtermMidUpload_deletesTheUploadOnTheRelay() throws Exception {
    ScriptRunner chat = relay.scripts(home);
    assertThat(chat.run("register", "--user", "alice").exitCode()).isZero();
    assertThat(chat.run("register", "--user", "bob").exitCode()).isZero();
    Path big = home.resolve("big.bin");
    try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
      file.setLength(90L << 20); // long enough to be stopped while it uploads
    }
    ProcessBuilder builder =
        chat.process("file", "send", big.toString(), "--to", "bob", "--user", "alice");
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Path said = home.resolve("send.err");
    builder.redirectError(said.toFile());
    Process send = builder.start();
    try {
      await("an upload under way")
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> Files.readString(said).matches("(?s).*uploading big\\.bin: [1-9][0-9]?% .*"));
      assertThat(UnofferedUploadEndToEndTest.storedFiles(relay.dataDir())).isEqualTo(1);

      send.destroy(); // SIGTERM

      assertThat(send.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(send.exitValue()).isEqualTo(143);
      assertThat(Files.readString(said))
          .contains(
              "chat: stopped by a signal: what was uploaded of big.bin is deleted on the relay")
          .doesNotContain("you cancelled it");
      assertThat(UnofferedUploadEndToEndTest.storedFiles(relay.dataDir())).isZero();
    } finally {
      send.destroyForcibly();
    }
  }
}
