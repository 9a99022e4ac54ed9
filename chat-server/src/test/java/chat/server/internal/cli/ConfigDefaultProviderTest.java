package chat.server.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class ConfigDefaultProviderTest {
  private static final Path FILE = Path.of("relay.conf");

  private static CommandLine line(Map<String, String> env, String fileText, String... args)
      throws ConfigFileException {
    CommandLine line = new CommandLine(new RelayCommand());
    Set<String> keys = ConfigDefaultProvider.settingKeys(line.getCommandSpec());
    ConfigFile file = ConfigFile.parse(FILE, fileText, keys);
    line.setDefaultValueProvider(new ConfigDefaultProvider(env, file, line.getCommandSpec()));
    line.parseArgs(args);
    return line;
  }

  private static RelayCommand parse(Map<String, String> env, String fileText, String... args)
      throws ConfigFileException {
    return line(env, fileText, args).getCommand();
  }

  @Test
  void precedence_flagBeatsEnvironmentBeatsFileBeatsDefault() throws Exception {
    String file = "port = 1111\nbcrypt-cost = 10\ndata-dir = /srv/file\n";
    Map<String, String> env =
        Map.of("CHAT_SERVER_PORT", "2222", "CHAT_SERVER_DATA_DIR", "/srv/env");

    RelayCommand command = parse(env, file, "--data-dir", "/srv/flag");

    assertThat(command.dataDir).isEqualTo(Path.of("/srv/flag"));
    assertThat(command.port).isEqualTo(2222);
    assertThat(command.bcryptCost).isEqualTo(10);
    assertThat(command.bind).isEqualTo("127.0.0.1");
  }

  @Test
  void source_eachLevel_namesWhereTheValueCameFrom() throws Exception {
    String file = "port = 1111\nbcrypt-cost = 10\n";
    CommandLine line = line(Map.of("CHAT_SERVER_PORT", "2222"), file, "--session-days", "7");
    ConfigDefaultProvider provider =
        (ConfigDefaultProvider) line.getCommandSpec().defaultValueProvider();

    Map<String, String> sources = new HashMap<>();
    for (OptionSpec option : line.getCommandSpec().options()) {
      sources.put(option.longestName(), provider.source(option, line.getParseResult()));
    }

    assertThat(sources)
        .containsEntry("--session-days", "flag")
        .containsEntry("--port", "env CHAT_SERVER_PORT")
        .containsEntry("--bcrypt-cost", "file relay.conf:2")
        .containsEntry("--bind", "default");
  }

  @Test
  void everySetting_isReadFromTheFileAndFromTheEnvironment() throws Exception {
    CommandLine probe = new CommandLine(new RelayCommand());
    Map<String, String> values = new LinkedHashMap<>();
    for (String key : ConfigDefaultProvider.settingKeys(probe.getCommandSpec())) {
      values.put(key, sampleValue(probe.getCommandSpec().findOption("--" + key)));
    }
    assertThat(values).containsKeys("bind", "port", "data-dir", "tls-cert", "audit-days");
    StringBuilder file = new StringBuilder();
    Map<String, String> env = new HashMap<>();
    values.forEach(
        (key, value) -> {
          file.append(key).append(" = ").append(value).append('\n');
          env.put(ConfigDefaultProvider.environmentName(key), value);
        });

    CommandLine fromFile = line(Map.of(), file.toString());
    CommandLine fromEnvironment = line(env, "");

    for (CommandLine parsed : new CommandLine[] {fromFile, fromEnvironment}) {
      for (Map.Entry<String, String> expected : values.entrySet()) {
        OptionSpec option = parsed.getCommandSpec().findOption("--" + expected.getKey());
        Object value = option.getValue();
        assertThat(String.valueOf(value)).as(expected.getKey()).isEqualTo(expected.getValue());
        assertThat(
                ((ConfigDefaultProvider) parsed.getCommandSpec().defaultValueProvider())
                    .source(option, parsed.getParseResult()))
            .as(expected.getKey())
            .isNotEqualTo("default");
      }
    }
  }

  @Test
  void subcommandOwnOptions_ignoreEnvironmentAndFile_butShareDataDir() throws Exception {
    CommandLine line = line(Map.of("CHAT_SERVER_LIMIT", "5"), "data-dir = /srv/relay\n", "audit");
    AuditCommand audit = line.getSubcommands().get("audit").getCommand();

    assertThat(audit.limit).isEqualTo(100);
    assertThat(audit.data.dataDir()).isEqualTo(Path.of("/srv/relay"));
  }

  @Test
  void environmentName_mapsLongOption() {
    assertThat(ConfigDefaultProvider.environmentName("--max-frame-bytes"))
        .isEqualTo("CHAT_SERVER_MAX_FRAME_BYTES");
  }

  /** A value for {@code option} that differs from its default, chosen by its type. */
  private static String sampleValue(OptionSpec option) {
    Class<?> type = option.type();
    String defaultValue = option.defaultValue();
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      long base = defaultValue == null ? 0 : Long.parseLong(defaultValue);
      return String.valueOf(base + 1);
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true";
    }
    if (type == Path.class) {
      return "/srv/chat/" + option.longestName().substring(2);
    }
    return "sample-" + option.longestName().substring(2);
  }
}
