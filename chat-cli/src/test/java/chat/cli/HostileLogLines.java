package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;

/**
 * A WARN log event that quotes remote text full of escape sequences and controls, in its message
 * and in its exception's, and the checks on what a client layout made of it.
 */
final class HostileLogLines {
  /**
   * 7-bit CSI, OSC with a payload ended by BEL, C1 CSI, a C1 OSC hyperlink ended by the C1 string
   * terminator, C1 APC, DCS ended by ESC \, RLO, NUL, DEL, CR and NEL.
   */
  static final String HOSTILE =
      "a\u001b[2Jb\u001b]0;pwned\u0007c\u009b31md\u009d8;;http://x\u009ce\u009fapc\u009cf"
          + "\u001bPq#\u001b\\g\u202eh\u0000i\u007fj\rk\u0085l";

  /** {@link #HOSTILE} cleaned to one line. */
  static final String ONE_LINE = "abcdefghijkl";

  /** The line a client layout makes of {@link #event}'s message. */
  static final String MESSAGE_LINE = "the relay said: " + ONE_LINE;

  /** The first line of {@link #event}'s stack trace, cleaned (its CR a line break). */
  static final String TRACE_START =
      "java.lang.IllegalStateException: refused abcdefghij\nkl\n\tat chat.cli.";

  private HostileLogLines() {}

  /** A WARN event of {@code context} quoting {@link #HOSTILE}, with an exception quoting it too. */
  static LoggingEvent event(LoggerContext context) {
    return new LoggingEvent(
        HostileLogLines.class.getName(),
        context.getLogger("chat.cli.client.internal.Listeners"),
        Level.WARN,
        "the relay said: {}",
        new IllegalStateException("refused " + HOSTILE),
        new Object[] {HOSTILE});
  }

  /**
   * Checks that {@code output} holds no control character but line breaks and tabs, no
   * bidirectional control or line separator and nothing of an escape sequence's payload, and quotes
   * the exception once.
   */
  static void assertClean(String output) {
    ScriptingHostileTextTest.assertRaw(output.replace("\t", "")); // a trace's tabs are kept
    assertThat(output).doesNotContain("pwned", "http", "apc", "31m", "q#");
    assertThat(output.split("IllegalStateException", -1)).hasSize(2);
  }
}
