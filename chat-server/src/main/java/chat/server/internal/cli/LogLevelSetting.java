package chat.server.internal.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * The relay's log level, {@code CHAT_SERVER_LOG_LEVEL}: checked and set by {@code chat-server}
 * before anything logs. Logback alone took an empty value or a typo ({@code warning}) for {@code
 * DEBUG}, the most talkative level, without a word.
 */
public final class LogLevelSetting {
  /** The variable. */
  public static final String VARIABLE = "CHAT_SERVER_LOG_LEVEL";

  private static final List<String> LEVELS =
      List.of("OFF", "ERROR", "WARN", "INFO", "DEBUG", "TRACE", "ALL");

  private LogLevelSetting() {}

  /**
   * The level {@code environment} asks for: {@code INFO} when the variable is unset or blank, as an
   * empty variable means not set for every setting; else its value in any case, around spaces.
   *
   * @throws IllegalArgumentException naming the variable, the value and the levels
   */
  public static Level fromEnvironment(Map<String, String> environment) {
    String value = environment.get(VARIABLE);
    if (value == null || value.isBlank()) {
      return Level.INFO;
    }
    String name = value.strip().toUpperCase(Locale.ROOT);
    if (!LEVELS.contains(name)) {
      throw new IllegalArgumentException(
          VARIABLE
              + " is '"
              + value
              + "', not a log level: use ERROR, WARN, INFO, DEBUG or TRACE (empty for INFO)");
    }
    return Level.toLevel(name);
  }

  /** Sets the level of the relay's root logger. */
  public static void apply(Level level) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(level);
  }
}
