package chat.cli.client.internal;

import chat.cli.PrivateFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lock of a profile file that more than one process of the profile rewrites (a script or a
 * {@code chat listen} beside the TUI): {@code NAME.lock} beside it, mode 0600, held around a read,
 * merge and write of the file, so that two processes writing at once cannot each write over what
 * the other just wrote. File locks are held per process, not per thread, so the threads of one
 * process also take one monitor per file. Where no lock can be had (a folder that cannot be
 * written, a file system without locks), the work runs unlocked: its write then fails with its own
 * message, or goes on as it did before locks.
 */
final class ProfileLock {
  private static final Map<Path, Object> MONITORS = new ConcurrentHashMap<>();

  /** Work done under the lock. */
  @FunctionalInterface
  interface Locked<T> {
    T run() throws IOException;
  }

  private ProfileLock() {}

  /**
   * Runs {@code work} holding the lock of {@code file}.
   *
   * @throws IOException what {@code work} threw, or a failure to release the lock
   */
  @SuppressWarnings("try") // the lock is held for the block, not used in it
  static <T> T holding(Path file, Locked<T> work) throws IOException {
    synchronized (MONITORS.computeIfAbsent(file.toAbsolutePath().normalize(), k -> new Object())) {
      try (FileChannel lockFile = open(file);
          FileLock lock = lockFile == null ? null : lockQuietly(lockFile)) {
        return work.run();
      }
    }
  }

  /** The lock file beside {@code file} (0600), or null where it cannot be made. */
  private static FileChannel open(Path file) {
    Path lockPath = file.resolveSibling(file.getFileName() + ".lock");
    try {
      FileAttribute<?>[] attributes =
          PrivateFiles.isPosix(file.toAbsolutePath().getParent())
              ? new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
              }
              : new FileAttribute<?>[0];
      return FileChannel.open(
          lockPath, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), attributes);
    } catch (IOException | UnsupportedOperationException e) {
      return null; // a folder that cannot be written fails the work's own write
    }
  }

  /** An exclusive lock, or null on a file system without locks (the work goes on unlocked). */
  private static FileLock lockQuietly(FileChannel channel) {
    try {
      return channel.lock();
    } catch (IOException e) {
      return null;
    }
  }
}
