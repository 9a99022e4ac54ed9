package chat.cli;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * The Logback conversion word {@code %safeMsg}: a log line's formatted message cleaned to one line
 * by {@link TerminalSafe#line}, so text a log call quotes (a relay's error message, a user id, a
 * file name) cannot reach the terminal as a control character or escape sequence, nor start a
 * second line that poses as another. Registered by {@link ClientLogPatterns#register} and in {@code
 * logback.xml}.
 */
public final class TerminalSafeMessageConverter extends MessageConverter {
  /** Called by Logback for each layout that uses the word. */
  public TerminalSafeMessageConverter() {}

  @Override
  public String convert(ILoggingEvent event) {
    return TerminalSafe.line(super.convert(event));
  }
}
