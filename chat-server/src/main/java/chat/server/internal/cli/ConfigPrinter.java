package chat.server.internal.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The text of {@code chat-server --print-config}: every setting as {@code key = value} with a
 * trailing comment saying where the value came from. The output is itself a valid config file that
 * means the same: a value a config file cannot hold ({@link ConfigFile#holds}) is printed commented
 * out, saying so.
 */
final class ConfigPrinter {
  /** Said of a value that a config file would read as another one. */
  static final String CANNOT_HOLD =
      "a config file cannot hold this value (a ' #' starts a comment, spaces at its ends are"
          + " dropped): give it as a flag";

  private ConfigPrinter() {}

  /** The lines for the settings of {@code root} as parsed in {@code parsed}. */
  static List<String> lines(CommandSpec root, ParseResult parsed, ConfigDefaultProvider provider) {
    List<String> settings = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    for (OptionSpec option : root.options()) {
      String name = option.longestName();
      if (!name.startsWith("--") || ConfigDefaultProvider.NOT_SETTINGS.contains(name)) {
        continue;
      }
      Object value = option.getValue();
      String source = provider.source(option, parsed);
      String text = value == null ? "" : value.toString();
      if (ConfigFile.holds(text)) {
        settings.add(name.substring(2) + " = " + text);
        sources.add(value == null ? source + " (not set)" : source);
      } else {
        // left out of the file it makes, not read back as another value
        settings.add("# " + name.substring(2) + " = " + text.replace("\n", "\\n"));
        sources.add(source + "; " + CANNOT_HOLD);
      }
    }
    int width = settings.stream().mapToInt(String::length).max().orElse(0) + 2;
    List<String> out = new ArrayList<>();
    out.add("# chat-server effective configuration (flag > environment > config file > default)");
    out.add(
        provider
            .file()
            .map(file -> "# config file: " + file.path())
            .orElse("# config file: none (--config FILE or CHAT_SERVER_CONFIG)"));
    for (int i = 0; i < settings.size(); i++) {
      String setting = settings.get(i);
      out.add(setting + " ".repeat(width - setting.length()) + "# " + sources.get(i));
    }
    return out;
  }
}
