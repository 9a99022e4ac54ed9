package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Owner-only files written whole: replacing, or only where nothing is. */
class PrivateFilesTest {
  @TempDir Path dir;

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
