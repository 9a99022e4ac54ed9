package chat.server.internal.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What this process holds open, from {@code /proc/self/fd} (Linux only). */
public final class OpenFiles {
  private static final Path FDS = Path.of("/proc/self/fd");

  private OpenFiles() {}

  /** Whether this platform lists a process's open files where {@link #count} reads them. */
  public static boolean listed() {
    return Files.isDirectory(FDS);
  }

  /** How many of this process's file descriptors refer to {@code file}. */
  public static long count(Path file) throws IOException {
    Path target = file.toAbsolutePath().normalize();
    try (Stream<Path> fds = Files.list(FDS)) {
      return fds.filter(fd -> refersTo(fd, target)).count();
    }
  }

  private static boolean refersTo(Path fd, Path target) {
    try {
      return Files.readSymbolicLink(fd).equals(target);
    } catch (IOException e) {
      return false; // closed since it was listed (the listing's own descriptor among them)
    }
  }
}
