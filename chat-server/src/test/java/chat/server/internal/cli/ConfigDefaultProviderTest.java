package chat.server.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ConfigDefaultProviderTest {
  private static RelayCommand parse(Map<String, String> env, Properties file, String... args) {
    RelayCommand command = new RelayCommand();
    CommandLine line = new CommandLine(command);
    line.setDefaultValueProvider(new ConfigDefaultProvider(env, file));
    line.parseArgs(args);
    return command;
  }

  @Test
  void precedence_flagBeatsEnvironmentBeatsFileBeatsDefault() {
    Properties file = new Properties();
    file.setProperty("port", "1111");
    file.setProperty("bcrypt-cost", "10");
    file.setProperty("data-dir", "/srv/file");
    Map<String, String> env =
        Map.of("CHAT_SERVER_PORT", "2222", "CHAT_SERVER_DATA_DIR", "/srv/env");
    RelayCommand command = parse(env, file, "--data-dir", "/srv/flag");
    assertThat(command.dataDir).isEqualTo(Path.of("/srv/flag"));
    assertThat(command.port).isEqualTo(2222);
    assertThat(command.bcryptCost).isEqualTo(10);
    assertThat(command.bind).isEqualTo("127.0.0.1");
  }

  @Test
  void environmentName_mapsLongOption() {
    assertThat(ConfigDefaultProvider.environmentName("--max-frame-bytes"))
        .isEqualTo("CHAT_SERVER_MAX_FRAME_BYTES");
  }

  @Test
  void fileOptions_flagEnvironmentAndFile_resolveInThatOrderThenDefault() {
    Properties file = new Properties();
    file.setProperty("file-expiry-hours", "24");
    file.setProperty("file-quota-bytes", "5000000");
    Map<String, String> env = Map.of("CHAT_SERVER_MAX_FILE_BYTES", "1048576");
    RelayCommand command = parse(env, file, "--file-quota-bytes", "7000000");
    assertThat(command.maxFileBytes).isEqualTo(1_048_576L);
    assertThat(command.fileExpiryHours).isEqualTo(24);
    assertThat(command.fileQuotaBytes).isEqualTo(7_000_000L);
    assertThat(command.fileStorageBytes).isEqualTo(16L << 30);
    RelayCommand defaults = parse(Map.of(), new Properties());
    assertThat(defaults.maxFileBytes).isEqualTo(100L << 20);
    assertThat(defaults.fileExpiryHours).isEqualTo(168);
  }
}
