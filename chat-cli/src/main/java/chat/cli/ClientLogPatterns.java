package chat.cli;

import ch.qos.logback.core.Context;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.pattern.DynamicConverter;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The layouts of the client's log lines, wherever they go (stderr, above line mode's prompt, the
 * TUI's log file): each writes the message and the stack trace through the conversion words of
 * {@link TerminalSafeMessageConverter} and {@link TerminalSafeThrowableConverter}, never Logback's
 * raw {@code %msg} and {@code %ex}, so a log line is cleaned like any other remote text.
 */
final class ClientLogPatterns {
  /** The conversion word for the cleaned message. */
  static final String MESSAGE_WORD = "safeMsg";

  /** The conversion word for the cleaned stack trace. */
  static final String THROWABLE_WORD = "safeEx";

  /** A line on stderr, as {@code logback.xml} gives it: {@code chat: ...}. */
  static final String STDERR = "chat: %safeMsg%n%safeEx";

  /** A line of the log file, with its time, level and logger. */
  static final String FILE =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0} - %safeMsg%n%safeEx";

  private ClientLogPatterns() {}

  /**
   * Makes both conversion words known to the layouts of {@code context}, as the {@code
   * conversionRule}s of {@code logback.xml} do; a layout started after this may use them.
   */
  static void register(Context context) {
    context.getConfigurationLock().lock();
    try {
      @SuppressWarnings("unchecked")
      Map<String, Supplier<DynamicConverter<?>>> rules =
          (Map<String, Supplier<DynamicConverter<?>>>)
              context.getObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS);
      if (rules == null) {
        rules = new HashMap<>();
        context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);
      }
      rules.put(MESSAGE_WORD, TerminalSafeMessageConverter::new);
      rules.put(THROWABLE_WORD, TerminalSafeThrowableConverter::new);
    } finally {
      context.getConfigurationLock().unlock();
    }
  }
}
