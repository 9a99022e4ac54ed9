package chat.server.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogPseudonymKeyTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dataDir;

  @Test
  void loadOrCreate_makesAnOwnerOnlyKeyOnce_andReadsItBackAfterwards() throws Exception {
    byte[] made = LogPseudonymKey.loadOrCreate(dataDir, RANDOM);
    Path file = dataDir.resolve(LogPseudonymKey.FILE_NAME);

    assertThat(made).hasSize(32).isEqualTo(Files.readAllBytes(file));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(LogPseudonymKey.loadOrCreate(dataDir, RANDOM)).isEqualTo(made);
  }

  @Test
  void loadOrCreate_eachDataDirectory_getsItsOwnKey(@TempDir Path other) throws Exception {
    assertThat(LogPseudonymKey.loadOrCreate(dataDir, RANDOM))
        .isNotEqualTo(LogPseudonymKey.loadOrCreate(other, RANDOM));
  }

  @Test
  void loadOrCreate_aFileOfAnotherLength_isRefusedNamingIt() throws Exception {
    Files.write(dataDir.resolve(LogPseudonymKey.FILE_NAME), new byte[] {1, 2, 3});

    assertThatThrownBy(() -> LogPseudonymKey.loadOrCreate(dataDir, RANDOM))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(LogPseudonymKey.FILE_NAME)
        .hasMessageContaining("remove it");
  }
}
