package chat.server.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import chat.protocol.FolderOwners;
import chat.server.RelayConfig;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** {@link LogFile}: the log file is created, or made, owner-only (POSIX file systems only). */
class LogFileTest {
  @TempDir Path dir;

  @BeforeEach
  void posixOnly() {
    assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "file modes are POSIX");
  }

  private static String mode(Path file) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  @Test
  void open_missing_isCreatedOwnerOnly_withoutWarning() throws Exception {
    Path log = dir.resolve("logs").resolve("relay.log");

    Optional<String> warning = LogFile.open(log);

    assertThat(log).exists();
    assertThat(mode(log)).isEqualTo("rw-------");
    assertThat(mode(log.getParent())).as("the folder made for it").isEqualTo("rwx------");
    assertThat(warning).isEmpty();
  }

  @Test
  void open_existingReadableByOthers_isMadeOwnerOnly_keepingItsLines() throws Exception {
    Path log = dir.resolve("relay.log");
    Files.writeString(log, "an earlier line\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--r--"));

    Optional<String> warning = LogFile.open(log);

    assertThat(mode(log)).isEqualTo("rw-------");
    assertThat(warning)
        .contains("log file " + log + " was rw-r--r--; made it owner-only (rw-------)");
    assertThat(Files.readString(log, StandardCharsets.UTF_8)).isEqualTo("an earlier line\n");
  }

  /**
   * A link to a regular file is refused, and so is a log in a folder every user may write to:
   * through either, the relay would append to and restrict a file of someone else's.
   */
  @Test
  void open_aLinkToAFile_orInAFolderEveryoneMayWrite_isRefused_theTargetUntouched()
      throws Exception {
    assumeTrue(FolderOwners.processUid().isPresent(), "Linux says who this process is");
    Path target = Files.writeString(dir.resolve("config"), "a line\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
    Path link = Files.createSymbolicLink(dir.resolve("relay.log"), target);
    Path open = Files.createDirectory(dir.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertThatThrownBy(() -> LogFile.open(link))
        .isInstanceOf(RelayConfig.InvalidSetting.class)
        .hasMessageContaining("log file " + link + " is a symbolic link: give the file itself");
    assertThatThrownBy(() -> LogFile.open(open.resolve("relay.log")))
        .isInstanceOf(RelayConfig.InvalidSetting.class)
        .hasMessageContaining("its folder may be written by every user");
    assertThat(Files.readString(target)).isEqualTo("a line\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
        .isEqualTo("rw-r--r--");
    assertThat(open.resolve("relay.log")).doesNotExist();
  }

  @Test
  void open_existingOwnerOnly_isLeftAsItIs() throws Exception {
    Path log = dir.resolve("relay.log");
    Files.createFile(
        log, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));

    assertThat(LogFile.open(log)).isEmpty();
    assertThat(mode(log)).isEqualTo("rw-------");
  }

  /**
   * A file others share (a pipe here; {@code /dev/null} or a terminal as well) keeps its mode:
   * making {@code /dev/null} owner-only would break every other user of the machine.
   */
  @Test
  void open_aPipe_keepsItsMode() throws Exception {
    Path pipe = dir.resolve("pipe");
    Process mkfifo = new ProcessBuilder("mkfifo", "-m", "666", pipe.toString()).start();
    assumeTrue(mkfifo.waitFor() == 0, "mkfifo makes a named pipe");
    Files.setPosixFilePermissions(pipe, PosixFilePermissions.fromString("rw-rw-rw-"));
    Thread reader =
        new Thread(
            () -> {
              try (var in = Files.newInputStream(pipe)) {
                in.readAllBytes(); // opening the pipe for writing waits for a reader
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    reader.start();

    assertThat(LogFile.open(pipe)).isEmpty();

    reader.join(10_000);
    assertThat(mode(pipe)).isEqualTo("rw-rw-rw-");
  }

  /**
   * README ("Logs") tells operators to rotate the log file by copying it and emptying it in place
   * (logrotate's {@code copytruncate}): that works only while the relay appends, so that its next
   * line goes to the start of the emptied file instead of at its old offset behind a run of zero
   * bytes.
   */
  @Test
  void addAppender_aFileEmptiedInPlace_getsTheNextLineAtItsStart() throws Exception {
    Path log = dir.resolve("relay.log");
    LogFile.open(log);
    LogFile.addAppender(log);
    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    org.slf4j.Logger logger = LoggerFactory.getLogger(LogFileTest.class);
    try {
      logger.info(
          "before the rotation, a line long enough to leave a gap if written at its offset");
      assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("before the rotation");
      Path copy = dir.resolve("relay.log.1");
      Files.copy(log, copy);
      try (FileChannel emptied = FileChannel.open(log, StandardOpenOption.WRITE)) {
        emptied.truncate(0);
      }

      logger.info("after the rotation");

      String now = Files.readString(log, StandardCharsets.UTF_8);
      assertThat(now).doesNotContain("\0").doesNotContain("before the rotation");
      assertThat(now.lines()).hasSize(1);
      assertThat(now).contains("after the rotation");
      assertThat(Files.readString(copy, StandardCharsets.UTF_8)).contains("before the rotation");
    } finally {
      Appender<ILoggingEvent> appender = root.getAppender("FILE");
      root.detachAppender("FILE");
      if (appender != null) {
        appender.stop();
      }
    }
  }
}
