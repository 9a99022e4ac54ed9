package chat.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Where the client's log goes: stderr by default (warnings only, {@code -v} adds debug), or a file
 * while the full-screen TUI owns the terminal. Logs never hold message text, keys or secrets, and
 * every line is cleaned of control characters and escape sequences ({@link ClientLogPatterns}).
 */
final class ClientLogging {
  private ClientLogging() {}

  /** Shows debug lines too (for {@code -v}). */
  static void verbose() {
    root().setLevel(Level.DEBUG);
  }

  /** Sends the log to {@code file} instead of stderr. */
  static void toFile(Path file) {
    Logger root = root();
    FileAppender<ILoggingEvent> appender = fileAppender(root.getLoggerContext(), file);
    root.detachAndStopAllAppenders();
    root.addAppender(appender);
  }

  /**
   * A started appender to {@code file}, which is owner-only ({@code 0600}) like every file of the
   * profile: created so before the appender opens it, or made so if an older client left it
   * readable by others.
   */
  static FileAppender<ILoggingEvent> fileAppender(LoggerContext context, Path file) {
    PrivateFiles.createFile(file);
    ClientLogPatterns.register(context);
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(ClientLogPatterns.FILE);
    encoder.start();
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(context);
    appender.setName("FILE");
    appender.setFile(file.toString());
    appender.setEncoder(encoder);
    appender.start();
    return appender;
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}
