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
}
