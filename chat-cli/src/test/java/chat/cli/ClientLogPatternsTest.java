package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import org.junit.jupiter.api.Test;

class ClientLogPatternsTest {
  private static String layout(String pattern) {
    LoggerContext context = new LoggerContext();
    ClientLogPatterns.register(context);
    PatternLayout layout = new PatternLayout();
    layout.setContext(context);
    layout.setPattern(pattern);
    layout.start();
    return layout.doLayout(HostileLogLines.event(context));
  }

  @Test
  void stderrLine_messageAndTraceQuotingEscapes_areCleaned() {
    String line = layout(ClientLogPatterns.STDERR);

    HostileLogLines.assertClean(line);
    assertThat(line)
        .startsWith("chat: " + HostileLogLines.MESSAGE_LINE + "\n" + HostileLogLines.TRACE_START);
  }

  @Test
  void fileLine_messageAndTraceQuotingEscapes_areCleaned() {
    String line = layout(ClientLogPatterns.FILE);

    HostileLogLines.assertClean(line);
    assertThat(line)
        .contains(" WARN  Listeners - " + HostileLogLines.MESSAGE_LINE + "\n")
        .contains(HostileLogLines.TRACE_START);
  }

  @Test
  void register_twice_isHarmless() {
    LoggerContext context = new LoggerContext();
    ClientLogPatterns.register(context);
    ClientLogPatterns.register(context);
    PatternLayout layout = new PatternLayout();
    layout.setContext(context);
    layout.setPattern("%safeMsg%nopex");
    layout.start();

    assertThat(layout.doLayout(HostileLogLines.event(context)))
        .isEqualTo(HostileLogLines.MESSAGE_LINE);
  }
}
