package chat.server.internal.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Supplies option defaults from the environment ({@code --data-dir} → {@code CHAT_SERVER_DATA_DIR})
 * and then from the config file ({@code data-dir = ...}), so a flag beats the environment, which
 * beats the file, which beats the built-in default.
 */
public final class ConfigDefaultProvider implements IDefaultValueProvider {
  private final Map<String, String> environment;
  private final Properties file;

  /** A provider over {@code environment} and the parsed config file. */
  public ConfigDefaultProvider(Map<String, String> environment, Properties file) {
    this.environment = Map.copyOf(environment);
    this.file = file;
  }

  /**
   * Reads a config file of {@code key = value} lines ({@code #} comments), owner-chosen path.
   *
   * @throws IOException if it cannot be read
   */
  public static Properties load(Path path) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    return properties;
  }

  /** The environment variable for a long option name. */
  public static String environmentName(String longOption) {
    return "CHAT_SERVER_"
        + longOption.replaceFirst("^--", "").replace('-', '_').toUpperCase(Locale.ROOT);
  }

  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (!(argSpec instanceof OptionSpec option)) {
      return null;
    }
    String name = option.longestName();
    if (!name.startsWith("--") || "--config".equals(name)) {
      return null;
    }
    String fromEnvironment = environment.get(environmentName(name));
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment.trim();
    }
    String fromFile = file.getProperty(name.substring(2));
    return fromFile == null ? null : fromFile.trim();
  }
}
