package chat.server.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import chat.server.CapturedLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsMaterialTest {
  @TempDir Path dataDir;

  /** What resolving the data directory's pair logs. */
  private List<ILoggingEvent> resolveLogged() throws Exception {
    try (CapturedLog logged = CapturedLog.of(TlsMaterial.class)) {
      TlsMaterial.resolve(dataDir, null, null, "localhost", new SecureRandom());
      return logged.events();
    }
  }

  /** A TLS key others could read is made owner-only, and the operator told what it may mean. */
  @Test
  void resolve_aKeyOthersCouldRead_isMadeOwnerOnly_warningThatItMayHaveBeenRead() throws Exception {
    Assumptions.assumeTrue(
        dataDir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX modes");
    assertThat(resolveLogged()).as("a pair made here is owner-only from the start").isEmpty();
    Path key = dataDir.resolve(TlsMaterial.KEY_FILE);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

    List<ILoggingEvent> logged = resolveLogged();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    assertThat(logged)
        .singleElement()
        .extracting(ILoggingEvent::getFormattedMessage)
        .asString()
        .startsWith(key + " was rw-r--r--; made it owner-only (rw-------).")
        .contains("make a new pair");
    assertThat(resolveLogged()).as("said once: owner-only now").isEmpty();
  }
}
