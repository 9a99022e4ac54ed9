package chat.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The client's log set up in code when {@code chat} itself runs ({@link Main} sets {@link
 * #PROPERTY}): what {@code logback.xml} says, warnings only to stderr as {@code chat: ...}, cleaned
 * ({@link ClientLogPatterns}), without Logback reading and interpreting that XML file, which took
 * about 60 ms of every command's start. Found by Logback through {@code META-INF/services};
 * anywhere else (the tests, a program that embeds the client library) it steps aside and {@code
 * logback.xml} applies as before.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class ClientLogConfigurator extends ContextAwareBase implements Configurator {
  /** The system property that {@link Main} sets to {@code true}. */
  static final String PROPERTY = "chat.client.logging";

  /** Called by Logback's service loader. */
  public ClientLogConfigurator() {}

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (!Boolean.getBoolean(PROPERTY)) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    ClientLogPatterns.register(context);
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(ClientLogPatterns.STDERR);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(stderr);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
