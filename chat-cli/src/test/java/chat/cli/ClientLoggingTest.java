package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientLoggingTest {
  @TempDir Path dir;

  @Test
  void fileAppender_newLog_isCreatedOwnerOnly() throws Exception {
    assumeTrue(PrivateFiles.isPosix(dir));
    Path log = dir.resolve("chat.log");

    FileAppender<ILoggingEvent> appender = ClientLogging.fileAppender(new LoggerContext(), log);
    appender.stop();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log)))
        .isEqualTo("rw-------");
  }

  @Test
  void fileAppender_logReadableByOthers_isMadeOwnerOnly_andKeepsItsLines() throws Exception {
    assumeTrue(PrivateFiles.isPosix(dir));
    Path log = dir.resolve("chat.log");
    Files.writeString(log, "an earlier line\n");
    Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--r--"));

    FileAppender<ILoggingEvent> appender = ClientLogging.fileAppender(new LoggerContext(), log);
    appender.stop();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log)))
        .isEqualTo("rw-------");
    assertThat(log).content().startsWith("an earlier line\n");
  }

  @Test
  void fileAppender_lineQuotingEscapesAndC1Controls_isWrittenCleaned() throws Exception {
    Path log = dir.resolve("chat.log");
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter()); // as a configured context has

    FileAppender<ILoggingEvent> appender = ClientLogging.fileAppender(context, log);
    appender.doAppend(HostileLogLines.event(context));
    appender.stop();

    String written = Files.readString(log);
    HostileLogLines.assertClean(written);
    assertThat(written).contains(HostileLogLines.MESSAGE_LINE + "\n" + HostileLogLines.TRACE_START);
  }
}
