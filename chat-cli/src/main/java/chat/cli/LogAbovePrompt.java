package chat.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.ConsoleAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * While line mode runs on a terminal that stderr also writes to, sends the client's log lines
 * (warnings, or with {@code -v} debug lines too) above the prompt instead of to stderr: written
 * straight to the terminal they landed in the middle of the prompt line and what was typed. Lines
 * line mode no longer takes (it has ended) go to stderr as before. Closing puts the stderr
 * appenders back.
 */
final class LogAbovePrompt implements AutoCloseable {

  private final Logger root;
  private final List<Appender<ILoggingEvent>> replaced;
  private final AboveAppender above;

  private LogAbovePrompt(Logger root, List<Appender<ILoggingEvent>> replaced, AboveAppender above) {
    this.root = root;
    this.replaced = replaced;
    this.above = above;
  }

  /**
   * Whether stderr writes to the terminal stdout writes to, as the links of file descriptors 1 and
   * 2 under {@code /proc/self/fd} say; false where they cannot be read (not Linux).
   */
  static boolean stderrIsStdoutTerminal() {
    return sameTerminal(fd -> linkTarget(Path.of("/proc/self/fd/" + fd)));
  }

  /**
   * Whether file descriptors 1 and 2, whose targets {@code target} gives, name one terminal device:
   * the same path under {@code /dev} (such as {@code /dev/pts/3}), not a file, pipe or socket.
   */
  static boolean sameTerminal(IntFunction<Optional<Path>> target) {
    Optional<Path> out = target.apply(1);
    return out.isPresent()
        && out.get().startsWith("/dev/")
        && !out.get().equals(Path.of("/dev/null"))
        && out.equals(target.apply(2));
  }

  private static Optional<Path> linkTarget(Path link) {
    try {
      return Optional.of(Files.readSymbolicLink(link));
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return Optional.empty();
    }
  }

  /**
   * Replaces the root logger's console appenders by one that offers each line to {@code printer}
   * (which returns false once it no longer prints) and gives the ones it refuses to the replaced
   * appenders.
   */
  static LogAbovePrompt install(Predicate<String> printer) {
    return install((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME), printer);
  }

  static LogAbovePrompt install(Logger root, Predicate<String> printer) {
    List<Appender<ILoggingEvent>> consoles = new ArrayList<>();
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      Appender<ILoggingEvent> appender = it.next();
      if (appender instanceof ConsoleAppender) {
        consoles.add(appender);
      }
    }
    ClientLogPatterns.register(root.getLoggerContext());
    PatternLayout layout = new PatternLayout();
    layout.setContext(root.getLoggerContext());
    layout.setPattern(ClientLogPatterns.STDERR);
    layout.start();
    AboveAppender above = new AboveAppender(layout, printer, consoles);
    above.setContext(root.getLoggerContext());
    above.setName("ABOVE_PROMPT");
    above.start();
    root.addAppender(above);
    consoles.forEach(root::detachAppender);
    return new LogAbovePrompt(root, consoles, above);
  }

  /** Puts the console appenders back; from now on lines go to stderr again. */
  @Override
  public void close() {
    replaced.forEach(root::addAppender);
    root.detachAppender(above);
    above.stop();
  }

  /** The appender that prints above the prompt. */
  private static final class AboveAppender extends AppenderBase<ILoggingEvent> {
    private final PatternLayout layout;
    private final Predicate<String> printer;
    private final List<Appender<ILoggingEvent>> fallback;

    AboveAppender(
        PatternLayout layout, Predicate<String> printer, List<Appender<ILoggingEvent>> fallback) {
      this.layout = layout;
      this.printer = Objects.requireNonNull(printer, "printer");
      this.fallback = fallback;
    }

    @Override
    protected void append(ILoggingEvent event) {
      String line = layout.doLayout(event).stripTrailing();
      if (!printer.test(line)) {
        fallback.forEach(appender -> appender.doAppend(event));
      }
    }
  }
}
