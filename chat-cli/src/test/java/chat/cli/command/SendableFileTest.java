package chat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import chat.cli.CommandException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SendableFileTest {
  @TempDir Path dir;

  @Test
  void check_aReadableFile_isIt() throws Exception {
    Path file = Files.writeString(dir.resolve("notes.txt"), "hi");

    assertThat(SendableFile.check(file, "notes.txt")).isEqualTo(file);
  }

  @Test
  void check_aFolderOrNothing_saysWhich() {
    assertThatThrownBy(() -> SendableFile.check(dir, "here"))
        .isInstanceOf(CommandException.FileAccess.class)
        .hasMessage("cannot send here: it is a directory, not a file");
    assertThatThrownBy(() -> SendableFile.check(dir.resolve("gone.txt"), "gone.txt"))
        .hasMessage("cannot send gone.txt: no such file");
  }

  /** A name of bytes that are not UTF-8 reaches Java with U+FFFD in it: no file has that name. */
  @Test
  void check_aNameThatWasNotUtf8_saysWhyItIsNotFound() {
    assertThatThrownBy(() -> SendableFile.check(dir.resolve("caf\uFFFD.txt"), "caf\uFFFD.txt"))
        .hasMessageStartingWith(
            "cannot send caf\uFFFD.txt: no such file (its name, as given, holds bytes that are not"
                + " UTF-8 text");
  }

  /** A folder on the way that this user may not enter hides the file: that is no "no such file". */
  @Test
  void check_aFileBehindAClosedFolder_isPermissionDenied() throws Exception {
    Path closed = Files.createDirectory(dir.resolve("closed"));
    Path file = Files.writeString(closed.resolve("f.txt"), "x");
    Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("---------"));
    try {
      assumeFalse(Files.exists(file), "this user (root) enters any folder");

      assertThatThrownBy(() -> SendableFile.check(file, "closed/f.txt"))
          .hasMessage(
              "cannot send closed/f.txt: permission denied (a folder on its path is closed to"
                  + " you)");
    } finally {
      Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
    }
  }
}
