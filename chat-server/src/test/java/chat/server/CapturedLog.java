package chat.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What some classes log while it is open: {@code try (CapturedLog log = CapturedLog.of(X.class))}.
 */
public final class CapturedLog implements AutoCloseable {
  private final List<Logger> loggers = new ArrayList<>();
  private final ListAppender<ILoggingEvent> events = new ListAppender<>();

  private CapturedLog(Class<?>... sources) {
    events.start();
    for (Class<?> source : sources) {
      Logger logger = (Logger) LoggerFactory.getLogger(source);
      logger.addAppender(events);
      loggers.add(logger);
    }
  }

  /** Starts capturing what the loggers of {@code sources} log, in one list. */
  public static CapturedLog of(Class<?>... sources) {
    return new CapturedLog(sources);
  }

  /** The events logged so far, oldest first. */
  public List<ILoggingEvent> events() {
    synchronized (events) { // AppenderBase appends under the appender's own lock
      return List.copyOf(events.list);
    }
  }

  /** The messages logged so far, formatted, oldest first. */
  public List<String> messages() {
    return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  /** Stops capturing; what was captured stays readable. */
  @Override
  public void close() {
    loggers.forEach(logger -> logger.detachAppender(events));
  }
}
