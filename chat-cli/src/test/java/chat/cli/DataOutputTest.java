package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where {@code --out} writes: a new file, a file replaced with {@code --force}, a pipe, a link. */
class DataOutputTest {
  private static final byte[] DATA = "the plaintext".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  private Path fifo() throws Exception {
    Path fifo = dir.resolve("pipe");
    Process made;
    try {
      made = new ProcessBuilder("mkfifo", fifo.toString()).start();
    } catch (java.io.IOException e) {
      Assumptions.abort("no mkfifo here");
      throw e;
    }
    Assumptions.assumeTrue(made.waitFor(10, TimeUnit.SECONDS) && made.exitValue() == 0, "mkfifo");
    return fifo;
  }

  @Test
  void writeFile_aNamedPipe_isWrittenTo_neverReplacedByAFile() throws Exception {
    for (boolean ownerOnly : new boolean[] {true, false}) {
      for (boolean force : new boolean[] {true, false}) {
        Path fifo = fifo();
        CompletableFuture<byte[]> read =
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return Files.readAllBytes(fifo);
                  } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                });

        DataOutput.writeFile(fifo, DATA, ownerOnly, force);

        assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo(DATA);
        assertThat(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS))
            .as("ownerOnly %s, force %s", ownerOnly, force)
            .isFalse();
        Files.delete(fifo);
      }
    }
  }

  @Test
  void writeFile_aLinkToAFile_withForce_replacesTheFileAndKeepsTheLink() throws Exception {
    Path file = Files.writeString(dir.resolve("old.txt"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("link.txt"), file);

    DataOutput.writeFile(link, DATA, true, true);

    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readAllBytes(file)).isEqualTo(DATA);
  }

  @Test
  void writeFile_aLinkToNothing_withForce_makesTheFileItPointsTo() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("link.txt"), Path.of("made.txt"));

    DataOutput.writeFile(link, DATA, true, true);

    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readAllBytes(dir.resolve("made.txt"))).isEqualTo(DATA);
  }

  @Test
  void writeFile_anExistingFile_withoutForce_isRefusedAndKept() throws Exception {
    Path file = Files.writeString(dir.resolve("taken.txt"), "mine");

    assertThatThrownBy(() -> DataOutput.writeFile(file, DATA, true, false))
        .isInstanceOf(CommandException.Usage.class)
        .hasMessageContaining("already exists");
    assertThat(Files.readString(file)).isEqualTo("mine");
  }

  /**
   * An --out that leads to a terminal device is written to as standard output at a terminal: the
   * escape sequences of a sender never reach it raw. Files, pipes and /dev/null are not terminals.
   */
  @Test
  void toTerminal_theTerminalsDevices_notFilesNorDevNull() throws Exception {
    Path file = Files.writeString(dir.resolve("out.txt"), "mine");

    assertThat(DataOutput.toTerminal(null, file)).isFalse();
    assertThat(DataOutput.toTerminal(null, dir.resolve("not-there.txt"))).isFalse();
    assertThat(DataOutput.toTerminal(null, Path.of("/dev/null"))).isFalse();
    Assumptions.assumeTrue(Files.exists(Path.of("/dev/tty")), "a system with /dev/tty");
    assertThat(DataOutput.toTerminal(null, Path.of("/dev/tty"))).isTrue();
  }

  /**
   * A terminal whose name is not a tty name ({@code /dev/hvc0}, {@code /dev/ttyUSB0} match by name
   * or not) is known from {@code /sys/class/tty}; other devices there are not terminals.
   */
  @Test
  void toTerminal_aTerminalLinuxLists_whateverItsName() {
    assertThat(DataOutput.toTerminal(null, Path.of("/dev/full"))).isFalse();
    assertThat(DataOutput.toTerminal(null, Path.of("/dev/zero"))).isFalse();
    Assumptions.assumeTrue(
        Files.exists(Path.of("/sys/class/tty/ptmx")) && Files.exists(Path.of("/dev/ptmx")),
        "a Linux system that lists its terminals");
    assertThat(DataOutput.toTerminal(null, Path.of("/dev/ptmx"))).isTrue();
  }
}
