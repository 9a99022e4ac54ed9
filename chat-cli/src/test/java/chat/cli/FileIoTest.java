package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FileIoTest {

  @Test
  void reason_readOnlyFileSystem_isTheReasonWithoutThePath() {
    // what the JDK throws for EROFS: its message is "PATH: Read-only file system"
    FileSystemException e =
        new FileSystemException("/tmp/x/.chat-873c.part", null, "Read-only file system");

    assertThat(FileIo.reason(e)).isEqualTo("read-only file system");
  }

  @Test
  void reason_accessDenied_isPermissionDenied() {
    assertThat(FileIo.reason(new AccessDeniedException("/tmp/x"))).isEqualTo("permission denied");
  }

  @Test
  void read_aFolder_isSaidInLowerCase() throws Exception {
    Path dir = Files.createTempDirectory("chat-fileio-");
    try {
      assertThatThrownBy(() -> FileIo.read(dir, 10))
          .isInstanceOf(CommandException.FileAccess.class)
          .hasMessage("cannot read " + dir + ": is a directory");
    } finally {
      Files.delete(dir);
    }
  }

  @Test
  void write_standardOutputOnAFullDisk_isSaidInLowerCase() {
    // what writing to a pipe or file on a full disk throws: the system's words, capitalized
    java.io.OutputStream full =
        new java.io.OutputStream() {
          @Override
          public void write(int b) throws java.io.IOException {
            throw new java.io.IOException("No space left on device");
          }
        };

    assertThatThrownBy(() -> FileIo.write(full, new byte[] {1}))
        .isInstanceOf(CommandException.FileAccess.class)
        .hasMessage("cannot write to standard output: no space left on device");
  }

  /** {@code chat open … | head -c 10}: the reader had enough, which is no failure. */
  @Test
  void write_standardOutputWhoseReaderStopped_isNoFailure() {
    java.io.OutputStream closedPipe =
        new java.io.OutputStream() {
          @Override
          public void write(int b) throws java.io.IOException {
            throw new java.io.IOException("Broken pipe");
          }
        };

    FileIo.write(closedPipe, new byte[] {1});
  }
}
