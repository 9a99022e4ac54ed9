package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientLogConfiguratorTest {
  @AfterEach
  void clearProperty() {
    System.clearProperty(ClientLogConfigurator.PROPERTY);
  }

  @Test
  void withoutTheProperty_stepsAside_andLeavesTheContextAlone() {
    LoggerContext context = new LoggerContext();

    ExecutionStatus status = configure(context);

    assertThat(status).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
    assertThat(consoles(context)).isEmpty();
  }

  @Test
  void asChatRunsIt_setsUpWhatLogbackXmlSays() throws Exception {
    LoggerContext fromXml = fromXml();
    System.setProperty(ClientLogConfigurator.PROPERTY, "true");
    LoggerContext inCode = new LoggerContext();

    ExecutionStatus status = configure(inCode);

    assertThat(status).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
    assertThat(describe(inCode)).isEqualTo(describe(fromXml));
    assertThat(describe(inCode)).isEqualTo(List.of("WARN", "System.err chat: %safeMsg%n%safeEx"));
  }

  @Test
  void stderrLine_fromXmlOrInCode_quotingEscapesAndC1Controls_isCleaned() throws Exception {
    LoggerContext fromXml = fromXml();
    System.setProperty(ClientLogConfigurator.PROPERTY, "true");
    LoggerContext inCode = new LoggerContext();
    configure(inCode);

    for (LoggerContext context : List.of(fromXml, inCode)) {
      ConsoleAppender<ILoggingEvent> stderr = consoles(context).get(0);
      String line =
          new String(
              stderr.getEncoder().encode(HostileLogLines.event(context)), StandardCharsets.UTF_8);

      HostileLogLines.assertClean(line);
      assertThat(line)
          .startsWith("chat: " + HostileLogLines.MESSAGE_LINE + "\n" + HostileLogLines.TRACE_START);
    }
  }

  @Test
  void logbackFindsIt_asAService() {
    List<String> found = new ArrayList<>();
    ServiceLoader.load(ch.qos.logback.classic.spi.Configurator.class)
        .forEach(c -> found.add(c.getClass().getName()));

    assertThat(found).contains(ClientLogConfigurator.class.getName());
  }

  /** A context set up by Logback from the client's {@code logback.xml}. */
  private static LoggerContext fromXml() throws JoranException {
    LoggerContext context = new LoggerContext();
    JoranConfigurator joran = new JoranConfigurator();
    joran.setContext(context);
    joran.doConfigure(ClientLogConfigurator.class.getResource("/logback.xml"));
    return context;
  }

  private static ExecutionStatus configure(LoggerContext context) {
    ClientLogConfigurator configurator = new ClientLogConfigurator();
    configurator.setContext(context);
    return configurator.configure(context);
  }

  /** The root level, then each console appender's target and pattern. */
  private static List<String> describe(LoggerContext context) {
    List<String> out = new ArrayList<>();
    out.add(String.valueOf(root(context).getLevel()));
    for (ConsoleAppender<ILoggingEvent> console : consoles(context)) {
      out.add(
          console.getTarget() + " " + ((PatternLayoutEncoder) console.getEncoder()).getPattern());
    }
    return out;
  }

  private static List<ConsoleAppender<ILoggingEvent>> consoles(LoggerContext context) {
    List<ConsoleAppender<ILoggingEvent>> out = new ArrayList<>();
    for (Iterator<Appender<ILoggingEvent>> it = root(context).iteratorForAppenders();
        it.hasNext(); ) {
      if (it.next() instanceof ConsoleAppender<ILoggingEvent> console) {
        out.add(console);
      }
    }
    return out;
  }

  private static Logger root(LoggerContext context) {
    return context.getLogger(Logger.ROOT_LOGGER_NAME);
  }
}
