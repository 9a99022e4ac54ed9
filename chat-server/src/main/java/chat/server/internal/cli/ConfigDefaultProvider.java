package chat.server.internal.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Supplies option defaults from the environment ({@code --data-dir} → {@code CHAT_SERVER_DATA_DIR})
 * and then from the config file ({@code data-dir = ...}), so a flag beats the environment, which
 * beats the file, which beats the built-in default.
 *
 * <p>The settings are the long options of the {@code chat-server} command itself, except {@link
 * #NOT_SETTINGS} (actions and the config path). A subcommand option takes a value from the
 * environment or the file only if it shares a setting's name (as {@code --data-dir} of {@code
 * chat-server audit} does); its own options ({@code --user}, {@code --limit}) never do.
 */
public final class ConfigDefaultProvider implements IDefaultValueProvider {
  /** Long options of {@code chat-server} that are not settings, so never read from the file. */
  public static final Set<String> NOT_SETTINGS =
      Set.of("--config", "--help", "--version", "--print-config");

  /**
   * Environment variables starting with {@code CHAT_SERVER_} that are not settings but are still
   * read: the config file's path, and the launcher's JVM options and log level.
   */
  public static final Set<String> OTHER_VARIABLES =
      Set.of("CHAT_SERVER_CONFIG", "CHAT_SERVER_JAVA_OPTS", LogLevelSetting.VARIABLE);

  private static final String PREFIX = "CHAT_SERVER_";

  private final Map<String, String> environment;
  private final ConfigFile file;
  private final Set<String> settings;

  /** The command the line runs ({@link #runs}), or null for {@code chat-server} itself. */
  private volatile CommandSpec running;

  /**
   * A provider over {@code environment} and the parsed config file for the settings of {@code root}
   * (the {@code chat-server} command).
   */
  public ConfigDefaultProvider(Map<String, String> environment, ConfigFile file, CommandSpec root) {
    this.environment = Map.copyOf(environment);
    this.file = Objects.requireNonNull(file, "file");
    this.settings = settingKeys(root);
  }

  /** The config-file keys of {@code root}'s settings (long names without {@code --}), in order. */
  public static Set<String> settingKeys(CommandSpec root) {
    Set<String> keys = new LinkedHashSet<>();
    for (OptionSpec option : root.options()) {
      String name = option.longestName();
      if (name.startsWith("--") && !NOT_SETTINGS.contains(name)) {
        keys.add(name.substring(2));
      }
    }
    return keys;
  }

  /** The environment variable for a long option name. */
  public static String environmentName(String longOption) {
    return PREFIX + longOption.replaceFirst("^--", "").replace('-', '_').toUpperCase(Locale.ROOT);
  }

  /**
   * One warning for each variable of the environment that starts with {@code CHAT_SERVER_} but is
   * neither a setting nor one of {@link #OTHER_VARIABLES}, such as a typo ({@code
   * CHAT_SERVER_PROT}), which is ignored, naming the likely variable when one is close. Warnings,
   * not errors: other software may set names like these, while a config file is the relay's alone.
   */
  public List<String> unknownVariableWarnings() {
    Set<String> known = new LinkedHashSet<>(OTHER_VARIABLES);
    settings.forEach(key -> known.add(environmentName(key)));
    List<String> warnings = new ArrayList<>();
    environment.keySet().stream()
        .filter(name -> name.startsWith(PREFIX) && !known.contains(name))
        .sorted()
        .forEach(
            name -> {
              String key =
                  name.substring(PREFIX.length()).replace('_', '-').toLowerCase(Locale.ROOT);
              String hint =
                  ConfigFile.likelyKey(key, settings)
                      .map(likely -> " (did you mean " + environmentName(likely) + "?)")
                      .orElse("");
              warnings.add(
                  "environment variable " + name + " is not a chat-server setting; ignored" + hint);
            });
    return warnings;
  }

  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (!(argSpec instanceof OptionSpec option)) {
      return null;
    }
    String key = option.longestName().replaceFirst("^--", "");
    if (!settings.contains(key)) {
      return null;
    }
    CommandSpec leaf = running;
    if (leaf != null && option.command() != leaf && leaf.findOption(option.longestName()) == null) {
      // A setting of the relay that the subcommand run does not use: a bad value of it in the
      // environment or the file (CHAT_SERVER_PORT=abc) must not stop chat-server audit.
      return null;
    }
    Optional<String> fromEnvironment = fromEnvironment(key);
    if (fromEnvironment.isPresent()) {
      return fromEnvironment.get();
    }
    return file.get(key).map(ConfigFile.Entry::value).orElse(null);
  }

  /**
   * The command line runs {@code leaf} (a subcommand such as {@code audit}): settings of the relay
   * that it has no option of its own for are not read for it. The relay itself uses them all.
   */
  public void runs(CommandSpec leaf) {
    this.running = Objects.requireNonNull(leaf, "leaf");
  }

  /**
   * Where the value of {@code option} came from in {@code parsed}: {@code flag}, {@code env NAME},
   * {@code file PATH:LINE} or {@code default}.
   */
  public String source(OptionSpec option, ParseResult parsed) {
    if (parsed.hasMatchedOption(option)) {
      return "flag";
    }
    return defaultSource(option).orElse("default");
  }

  /**
   * Where this provider took {@code option}'s value from, if it supplied one: {@code env NAME} or
   * {@code file PATH:LINE}.
   */
  public Optional<String> defaultSource(OptionSpec option) {
    String key = option.longestName().replaceFirst("^--", "");
    if (!settings.contains(key)) {
      return Optional.empty();
    }
    if (fromEnvironment(key).isPresent()) {
      return Optional.of("env " + environmentName(key));
    }
    return file.get(key).map(entry -> "file " + file.path() + ":" + entry.line());
  }

  /** The config file in use, if any. */
  public Optional<ConfigFile> file() {
    return file.path() == null ? Optional.empty() : Optional.of(file);
  }

  private Optional<String> fromEnvironment(String key) {
    String value = environment.get(environmentName(key));
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }
}
