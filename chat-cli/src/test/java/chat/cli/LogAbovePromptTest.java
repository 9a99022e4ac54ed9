package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogAbovePromptTest {
  private final LoggerContext context = new LoggerContext();
  private final Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final List<String> printed = new ArrayList<>();
  private boolean printing = true;

  /**
   * A root logger with a console appender like logback.xml's, which writes into {@link #stderr}
   * instead of the process's stderr.
   */
  @BeforeEach
  void consoleAppender() {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("chat: %msg%n");
    encoder.start();
    ConsoleAppender<ILoggingEvent> console =
        new ConsoleAppender<>() {
          @Override
          protected void append(ILoggingEvent event) {
            stderr.writeBytes(encoder.encode(event));
          }
        };
    console.setContext(context);
    console.setName("STDERR");
    console.setEncoder(encoder);
    console.start();
    root.addAppender(console);
  }

  private String stderr() {
    return stderr.toString(StandardCharsets.UTF_8);
  }

  private LogAbovePrompt install() {
    return LogAbovePrompt.install(
        root,
        line -> {
          if (printing) {
            printed.add(line);
          }
          return printing;
        });
  }

  @Test
  @SuppressWarnings("try") // the routing is held for the block, not used in it
  void installed_logLine_goesAboveThePrompt_notToStderr() {
    try (LogAbovePrompt routing = install()) {
      root.warn("the relay is slow");
    }

    assertThat(printed).containsExactly("chat: the relay is slow");
    assertThat(stderr()).isEmpty();
  }

  @Test
  void closed_logLine_goesToStderrAgain() {
    install().close();

    root.warn("after line mode");

    assertThat(printed).isEmpty();
    assertThat(stderr()).isEqualTo("chat: after line mode\n");
  }

  @Test
  @SuppressWarnings("try") // the routing is held for the block, not used in it
  void lineModeEnded_beforeTheRoutingIsClosed_lineGoesToStderr() {
    try (LogAbovePrompt routing = install()) {
      printing = false;
      root.warn("as line mode ends");
    }

    assertThat(stderr()).isEqualTo("chat: as line mode ends\n");
  }

  @Test
  @SuppressWarnings("try") // the routing is held for the block, not used in it
  void installed_lineQuotingEscapesAndC1Controls_isPrintedCleaned() {
    try (LogAbovePrompt routing = install()) {
      root.callAppenders(HostileLogLines.event(context));
    }

    assertThat(printed).hasSize(1);
    HostileLogLines.assertClean(printed.get(0));
    assertThat(printed.get(0))
        .startsWith("chat: " + HostileLogLines.MESSAGE_LINE + "\n" + HostileLogLines.TRACE_START);
  }

  private static IntFunction<Optional<Path>> fds(String out, String err) {
    Map<Integer, String> links = new java.util.HashMap<>();
    if (out != null) {
      links.put(1, out);
    }
    if (err != null) {
      links.put(2, err);
    }
    return fd -> Optional.ofNullable(links.get(fd)).map(Path::of);
  }

  @Test
  void sameTerminal_onlyWhenBothNameOneTerminalDevice() {
    assertThat(LogAbovePrompt.sameTerminal(fds("/dev/pts/3", "/dev/pts/3"))).isTrue();
    assertThat(LogAbovePrompt.sameTerminal(fds("/dev/tty1", "/dev/tty1"))).isTrue();
    assertThat(LogAbovePrompt.sameTerminal(fds("/dev/pts/3", "/dev/pts/4"))).isFalse();
    assertThat(LogAbovePrompt.sameTerminal(fds("/dev/pts/3", "/home/a/chat.err"))).isFalse();
    assertThat(LogAbovePrompt.sameTerminal(fds("/dev/pts/3", "pipe:[4711]"))).isFalse();
    assertThat(LogAbovePrompt.sameTerminal(fds("/dev/null", "/dev/null"))).isFalse();
    assertThat(LogAbovePrompt.sameTerminal(fds(null, null))).isFalse();
    assertThat(LogAbovePrompt.sameTerminal(fds("/dev/pts/3", null))).isFalse();
  }
}
