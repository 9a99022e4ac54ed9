package chat.server.internal.storage;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What one class logs while it is open: {@code try (CapturedLog log = CapturedLog.of(X.class))}.
 */
final class CapturedLog implements AutoCloseable {
  private final Logger logger;
  private final ListAppender<ILoggingEvent> events = new ListAppender<>();

  private CapturedLog(Class<?> source) {
    logger = (Logger) LoggerFactory.getLogger(source);
    events.start();
    logger.addAppender(events);
  }

  /** Starts capturing what {@code source}'s logger logs. */
  static CapturedLog of(Class<?> source) {
    return new CapturedLog(source);
  }

  /** The events logged so far, oldest first. */
  List<ILoggingEvent> events() {
    return List.copyOf(events.list);
  }

  /** The messages logged so far, formatted, oldest first. */
  List<String> messages() {
    return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  /** Stops capturing; what was captured stays readable. */
  @Override
  public void close() {
    logger.detachAppender(events);
  }
}
