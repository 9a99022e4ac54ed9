package chat.cli.client.internal;

import chat.cli.CommandException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The claim of one process on one download in one folder: an exclusive lock on {@code
 * .chat-<id>.lock} ({@code 0600}) beside the partial file, held while the download runs and the
 * file removed when it ends. A second download of the same file into the same folder finds it held
 * and stops at once, instead of writing the same partial file. The operating system releases the
 * lock of a process that was killed, so a lock file left behind never blocks a later run.
 */
final class DownloadLock implements AutoCloseable {
  /** Tries at taking a lock file that its holder removed in between, before giving up. */
  private static final int ATTEMPTS = 5;

  /** What stands for a file whose file system gives no identity: its lock is taken as ours. */
  private static final Object NO_KEY = new Object();

  /**
   * The lock files this process holds (absolute): Java's file locks are the process's, and closing
   * any channel to a locked file lets go of them all, so a second claim in this process must never
   * open the file, only find it here.
   */
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final Path path;
  private final Path held;
  private final FileChannel channel;

  private DownloadLock(Path path, Path held, FileChannel channel) {
    this.path = path;
    this.held = held;
    this.channel = channel;
  }

  /**
   * Takes the lock of {@code fileId}'s download in {@code folder}. Empty if another process (or
   * another client of this one) holds it. Where no lock can be had at all (the folder cannot be
   * written, a file system without locks), a claim that holds nothing: the download then fails or
   * goes on as it would without locks.
   */
  static Optional<DownloadLock> take(DownloadFolder folder, String fileId) {
    Path path = folder.inside(".chat-" + fileId + ".lock");
    Path held = path.toAbsolutePath().normalize();
    if (!HELD.add(held)) {
      return Optional.empty(); // another client of this process downloads it
    }
    Optional<DownloadLock> taken = Optional.empty();
    try {
      taken = take(folder, path, held);
      return taken;
    } finally {
      if (taken.isEmpty()) {
        HELD.remove(held);
      }
    }
  }

  private static Optional<DownloadLock> take(DownloadFolder folder, Path path, Path held) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)
          && !Files.isSymbolicLink(path)
          && !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
        // a named pipe would hold the open below until something wrote to it: for ever
        throw new CommandException.FileAccess(
            "cannot use "
                + path
                + ": it is not a file (a named pipe, a folder or a device), so the download's"
                + " lock cannot be taken; move it away",
            null);
      }
      Object before = identity(path);
      FileChannel channel;
      try {
        channel = folder.open(path, StandardOpenOption.CREATE);
      } catch (IOException | UnsupportedOperationException e) {
        return Optional.of(new DownloadLock(path, held, null));
      }
      try {
        if (before == null) {
          channel.close(); // created just now: taken on the next round, once it has an identity
          continue;
        }
        FileLock lock = channel.tryLock();
        if (lock == null) {
          channel.close();
          return Optional.empty();
        }
        // Its holder removes the file before it lets go: the lock just taken may be of a file
        // removed since, while another process holds one of a new file of that name. It is ours
        // only if the name still leads to the file it led to before it was opened. (The file is
        // never opened a second time here: closing that would let go of the lock.)
        if (before.equals(identity(path)) || before == NO_KEY) {
          return Optional.of(new DownloadLock(path, held, channel));
        }
        channel.close();
      } catch (OverlappingFileLockException e) {
        closeQuietly(channel); // held by another client in this process
        return Optional.empty();
      } catch (IOException e) {
        closeQuietly(channel); // no locks here: go on without
        return Optional.of(new DownloadLock(path, held, null));
      }
    }
    return Optional.empty();
  }

  /** The identity of the file at {@code path} (device and inode), or null if there is none. */
  private static Object identity(Path path) {
    try {
      Object key =
          Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
              .fileKey();
      return key == null ? NO_KEY : key;
    } catch (IOException e) {
      return null;
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing releases the lock, if any was taken
    }
  }

  /** Removes the lock file, then releases the lock. */
  @Override
  public void close() {
    try {
      if (channel == null) {
        return;
      }
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        // left behind: the next download takes it over, as the lock is released below
      }
      closeQuietly(channel);
    } finally {
      HELD.remove(held);
    }
  }
}
