package chat.cli;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * The Logback conversion word {@code %safeEx}: a log line's stack trace, if it has one, cleaned by
 * {@link TerminalSafe#text} (line breaks and tabs kept): the trace repeats each exception's
 * message, which may quote the relay or another user. A layout that uses it gets no raw trace added
 * of Logback's own. Registered by {@link ClientLogPatterns#register} and in {@code logback.xml}.
 */
public final class TerminalSafeThrowableConverter extends ThrowableProxyConverter {
  /** Called by Logback for each layout that uses the word. */
  public TerminalSafeThrowableConverter() {}

  @Override
  public String convert(ILoggingEvent event) {
    return TerminalSafe.text(super.convert(event));
  }
}
