package chat.server;

import static org.assertj.core.api.Assertions.assertThat;

import chat.server.internal.storage.NativeLibraryFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar as an operator runs it, started and stopped by SIGTERM twice: SQLite's native
 * library is unpacked in the data directory, never in the system's temporary folder, a start
 * removes the copy the last one left, and Netty's native transport and TLS load from there too.
 * (That a {@code /tmp} mounted {@code noexec} then changes nothing needs a mount, which a test
 * cannot make.)
 */
class NativeLibraryIT {
  @TempDir Path dataDir;
  @TempDir Path systemTemp;

  /** What the last relay printed. */
  private final StringBuilder lastLog = new StringBuilder();

  @Test
  void aRelayStoppedBySignal_leavesNoLibraryInTheTemporaryFolder_andOneInItsDataDirectory()
      throws Exception {
    runAndStop(systemTemp);
    runAndStop(systemTemp);

    assertThat(sqliteFiles(systemTemp)).isEmpty();
    assertThat(lastLog).contains("transport epoll").contains("TLS provider OpenSSL");
    List<Path> unpacked = sqliteFiles(dataDir.resolve(NativeLibraryFolder.DIRECTORY));
    assertThat(unpacked.stream().filter(f -> !f.toString().endsWith(".lck"))).hasSize(1);
  }

  private void runAndStop(Path temporaryFolder) throws Exception {
    synchronized (lastLog) {
      lastLog.setLength(0);
    }
    Process process =
        ShadedRelay.start(
                dataDir,
                List.of("-Djava.io.tmpdir=" + temporaryFolder),
                List.of(),
                line -> {
                  synchronized (lastLog) {
                    lastLog.append(line).append('\n');
                  }
                })
            .process;
    try {
      process.destroy(); // SIGTERM: the relay stops cleanly and ends with Runtime.halt(0)
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isZero();
    } finally {
      process.destroyForcibly();
    }
  }

  private static List<Path> sqliteFiles(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().startsWith("sqlite-")).toList();
    }
  }
}
