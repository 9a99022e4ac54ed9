package chat.server.internal.storage;

import static java.nio.file.StandardOpenOption.WRITE;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether this process owns an envelope log's folder: the first opening holds a lock on the file
 * {@code lock} in it until it is closed. Another process that opens the folder meanwhile (an
 * operator command beside a running relay), or a second opening in the same process, does not own
 * it.
 */
final class LogOwnership implements Closeable {
  static final String LOCK_FILE = "lock";

  /**
   * The folders this process owns. A second opening in the same process must not even open the lock
   * file: closing any channel to it would drop the process's lock on it.
   */
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  /** The lock file's channel, holding the lock; null if this opening does not own the folder. */
  private final FileChannel channel;

  private final Path key;

  private boolean released;

  private LogOwnership(FileChannel channel, Path key) {
    this.channel = channel;
    this.key = key;
  }

  /** Takes ownership of {@code directory} if no other process or opening has it. */
  static LogOwnership take(Path directory) throws IOException {
    Path key = directory.toRealPath();
    if (!HELD.add(key)) {
      return new LogOwnership(null, null);
    }
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(FilePermissions.ownerOnlyFile(directory.resolve(LOCK_FILE)), WRITE);
      if (tryLock(channel)) {
        return new LogOwnership(channel, key);
      }
    } catch (IOException | RuntimeException e) {
      release(channel, key, e);
      throw e;
    }
    release(channel, key, null); // another process owns it
    return new LogOwnership(null, null);
  }

  private static boolean tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock() != null;
    } catch (OverlappingFileLockException heldHere) {
      return false;
    }
  }

  /**
   * Closes {@code channel} (if opened) and forgets {@code key}: else every later opening in this
   * process would think it held the folder. What closing throws joins {@code cause} if there is
   * one.
   */
  private static void release(FileChannel channel, Path key, Exception cause) throws IOException {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      if (cause == null) {
        throw e;
      }
      cause.addSuppressed(e);
    } finally {
      HELD.remove(key);
    }
  }

  /** Whether this opening owns the folder and may change what is in it. */
  boolean owned() {
    return channel != null;
  }

  /** Gives ownership up, if this opening had it; once. */
  @Override
  public synchronized void close() throws IOException {
    if (channel != null && !released) {
      released = true; // a second close must not forget a later opening's hold
      release(channel, key, null);
    }
  }
}
