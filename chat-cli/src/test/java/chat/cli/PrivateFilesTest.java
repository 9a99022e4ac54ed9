package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.protocol.FolderOwners;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Owner-only files written whole: replacing, or only where nothing is. */
class PrivateFilesTest {
  @TempDir Path dir;

  /**
   * A folder every user may write to, or one inside such a folder, is refused: another user could
   * put a folder or link of their own in its place. /tmp's sticky bit keeps that from happening.
   */
  @Test
  @EnabledOnOs(OS.LINUX)
  void createDirectory_inAFolderEveryUserMayWrite_isRefused_stickyIsNot() throws Exception {
    Path open = Files.createDirectory(dir.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), open);

    assertThatThrownBy(() -> PrivateFiles.createDirectory(open.resolve("alice")))
        .isInstanceOf(CommandException.FileAccess.class)
        .hasMessage(
            open.resolve("alice")
                + " (in "
                + open
                + ") is not yours alone: "
                + open
                + " may be written by every user, so they could put keys, certificates or links"
                + " of their own there; use a folder only you can change, such as one in your home"
                + " folder");
    assertThatThrownBy(() -> PrivateFiles.createDirectory(link))
        .isInstanceOf(CommandException.FileAccess.class)
        .hasMessageStartingWith(link + " is not yours alone: it may be written by every user");

    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.setAttribute(open, "unix:mode", 01777);
    PrivateFiles.createDirectory(open.resolve("alice")); // as in /tmp
    assertThat(open.resolve("alice")).isDirectory();
  }

  /** A folder of another user is refused, also as the profile behind a symbolic link. */
  @Test
  @EnabledOnOs(OS.LINUX)
  void createDirectory_ofAnotherUser_isRefused() throws Exception {
    Assumptions.assumeTrue(
        FolderOwners.processUid().orElse(-1) == 0, "only root can give a folder to another user");
    Path theirs = Files.createDirectory(dir.resolve("theirs"));
    Files.setAttribute(theirs, "unix:uid", 4242);
    Path link = Files.createSymbolicLink(dir.resolve("profile"), theirs);

    assertThatThrownBy(() -> PrivateFiles.createDirectory(link))
        .isInstanceOf(CommandException.FileAccess.class)
        .hasMessageStartingWith(
            link + " is not yours alone: it belongs to another user (uid 4242)");
  }

  /** A log file that is a link is refused: what it names is not the profile's to restrict. */
  @Test
  void createFile_aSymbolicLink_isRefused_itsTargetLeftAsItIs() throws Exception {
    Path target = Files.writeString(dir.resolve("bashrc"), "alias ls=ls");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
    Path log = Files.createSymbolicLink(dir.resolve("chat.log"), target);
    Path dangling = Files.createSymbolicLink(dir.resolve("other.log"), dir.resolve("nowhere"));

    assertThatThrownBy(() -> PrivateFiles.createFile(log))
        .isInstanceOf(CommandException.FileAccess.class)
        .hasMessage(log + " is a symbolic link; remove it, and the client makes the file itself");
    assertThatThrownBy(() -> PrivateFiles.createFile(dangling))
        .isInstanceOf(CommandException.FileAccess.class);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
        .isEqualTo("rw-r--r--");
    assertThat(dir.resolve("nowhere")).doesNotExist();
  }

  @Test
  void writeNew_whereNothingIs_writesOwnerOnly_andLeavesNoTemporaryFile() throws Exception {
    Path file = dir.resolve("exported.key");

    PrivateFiles.writeNew(file, bytes("sealed key"));

    assertThat(Files.readString(file)).isEqualTo("sealed key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    try (var listed = Files.list(dir)) {
      assertThat(listed).containsExactly(file);
    }
  }

  /** A file, or a link to one that is not there, is left as it is. */
  @Test
  void writeNew_whereAFileOrALinkIs_leavesItAndItsTarget() throws Exception {
    Path file = Files.writeString(dir.resolve("bob.key"), "bob's");
    Path dangling = Files.createSymbolicLink(dir.resolve("link.key"), dir.resolve("nowhere"));

    assertThatThrownBy(() -> PrivateFiles.writeNew(file, bytes("alice's")))
        .isInstanceOf(CommandException.Usage.class)
        .hasMessage(file + " already exists");
    assertThatThrownBy(() -> PrivateFiles.writeNew(dangling, bytes("alice's")))
        .isInstanceOf(CommandException.Usage.class);

    assertThat(Files.readString(file)).isEqualTo("bob's");
    assertThat(Files.exists(dir.resolve("nowhere"))).isFalse();
    try (var listed = Files.list(dir)) {
      assertThat(listed).containsExactlyInAnyOrder(file, dangling);
    }
  }

  @Test
  void write_replacesAFile() throws Exception {
    Path file = Files.writeString(dir.resolve("state.json"), "old");

    PrivateFiles.write(file, bytes("new"));

    assertThat(Files.readString(file)).isEqualTo("new");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
