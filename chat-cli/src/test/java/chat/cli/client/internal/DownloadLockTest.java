package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import chat.cli.CommandException;
import chat.cli.PrivateFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadLockTest {
  private static final String FILE_ID = "00112233445566778899aabbccddeeff";

  @TempDir Path root;

  private DownloadFolder folder() {
    DownloadFolder folder = new DownloadFolder(root.resolve("dl"));
    folder.create();
    return folder;
  }

  private Path lockFile(DownloadFolder folder) {
    return folder.inside(".chat-" + FILE_ID + ".lock");
  }

  /** A JVM of its own running {@code main} on {@code lockFile}, its errors discarded. */
  private static Process java(Class<?> main, Path lockFile) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                main.getName(),
                lockFile.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    return builder.start();
  }

  /** Another process that holds the lock file's lock until it is told to end or killed. */
  private static Process holder(Path lockFile) throws Exception {
    Process process = java(Holder.class, lockFile);
    BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
    assertThat(out.readLine()).as("the other process took the lock").isEqualTo("locked");
    return process;
  }

  /** Holds {@code args[0]}'s lock until its standard input ends. */
  public static final class Holder {
    private Holder() {}

    /** Locks the file, says so, and waits. */
    @SuppressWarnings("try")
    public static void main(String[] args) throws Exception {
      try (FileChannel channel =
              FileChannel.open(
                  Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        System.out.println("locked");
        System.out.flush();
        while (System.in.read() >= 0) {
          // until told to end
        }
      }
    }
  }

  /** Tries the lock file's lock once in a process of its own: {@code locked} or {@code busy}. */
  public static final class Trier {
    private Trier() {}

    /** Tries the lock, says whether it got it, and ends. */
    public static void main(String[] args) throws Exception {
      try (FileChannel channel =
          FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock lock = channel.tryLock();
        System.out.println(lock == null ? "busy" : "locked");
      }
    }
  }

  /** What {@link Trier} said of {@code lockFile}. */
  private static String triedElsewhere(Path lockFile) throws Exception {
    Process process = java(Trier.class, lockFile);
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
      String said = out.readLine();
      process.waitFor(30, TimeUnit.SECONDS);
      return said;
    }
  }

  /**
   * A second claim in this process never opens the lock file: closing that channel would let go of
   * the first claim's lock, and another process could then take it.
   */
  @Test
  @SuppressWarnings("try") // the first claim is held for the block
  void take_aSecondClaimInThisProcess_leavesTheFirstsLockHeldAgainstOtherProcesses()
      throws Exception {
    DownloadFolder folder = folder();
    try (DownloadLock first = DownloadLock.take(folder, FILE_ID).orElseThrow()) {
      assertThat(DownloadLock.take(folder, FILE_ID)).isEmpty();

      assertThat(triedElsewhere(lockFile(folder))).isEqualTo("busy");
    }
  }

  @Test
  void take_heldByAnotherProcess_isEmpty_andLeavesTheirFile() throws Exception {
    DownloadFolder folder = folder();
    Process other = holder(lockFile(folder));
    try {
      assertThat(DownloadLock.take(folder, FILE_ID)).isEmpty();
      assertThat(lockFile(folder)).exists();
    } finally {
      other.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** A killed process leaves its lock file, but the system let go of its lock: not in the way. */
  @Test
  void take_afterTheHolderWasKilled_succeeds_andRemovesTheFileWhenDone() throws Exception {
    DownloadFolder folder = folder();
    Process other = holder(lockFile(folder));
    other.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    assertThat(lockFile(folder)).exists();

    Optional<DownloadLock> lock = DownloadLock.take(folder, FILE_ID);

    assertThat(lock).isPresent();
    lock.get().close();
    assertThat(lockFile(folder)).doesNotExist();
  }

  /** A named pipe of the lock's name would have held the download in its open for ever. */
  @Test
  void take_aNamedPipeInTheWay_isRefusedAtOnce_andFreeOnceItIsMoved() throws Exception {
    DownloadFolder folder = folder();
    Path lockFile = lockFile(folder);
    Process mkfifo;
    try {
      mkfifo = new ProcessBuilder("mkfifo", lockFile.toString()).start();
    } catch (IOException e) {
      Assumptions.abort("no mkfifo here");
      return;
    }
    Assumptions.assumeTrue(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0);

    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () ->
            assertThatThrownBy(() -> DownloadLock.take(folder, FILE_ID))
                .isInstanceOf(CommandException.FileAccess.class)
                .hasMessageContaining(lockFile + ": it is not a file (a named pipe"));
    Files.delete(lockFile);
    DownloadLock.take(folder, FILE_ID).orElseThrow().close();
  }

  @Test
  void take_whileHeldInThisProcess_isEmpty_thenFreeOnceClosed() {
    DownloadFolder folder = folder();
    DownloadLock first = DownloadLock.take(folder, FILE_ID).orElseThrow();
    if (PrivateFiles.isPosix(root)) {
      assertThat(permissions(lockFile(folder))).isEqualTo("rw-------");
    }

    assertThat(DownloadLock.take(folder, FILE_ID)).isEmpty();
    first.close();

    DownloadLock again = DownloadLock.take(folder, FILE_ID).orElseThrow();
    again.close();
    assertThat(lockFile(folder)).doesNotExist();
  }

  private static String permissions(Path file) {
    try {
      return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
