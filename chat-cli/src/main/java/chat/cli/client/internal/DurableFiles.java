package chat.cli.client.internal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The file steps that make a change of the identity files crash-safe: a new file written and
 * synced, an atomic rename, a directory synced, a file removed. {@link #SYSTEM} does them on the
 * real file system; a test passes one that fails at a chosen step, as a crash or a full disk would.
 */
public interface DurableFiles {
  /** The real file system. */
  DurableFiles SYSTEM = new SystemDurableFiles();

  /**
   * Writes {@code data} to {@code file} (replacing it) with mode 0600 where the file system has
   * POSIX permissions, and syncs it to disk before returning.
   */
  void writeSynced(Path file, byte[] data) throws IOException;

  /** Renames {@code from} over {@code to} atomically. */
  void moveAtomic(Path from, Path to) throws IOException;

  /** Syncs {@code dir}'s entries (new, renamed and removed names) to disk where possible. */
  void syncDirectory(Path dir) throws IOException;

  /** Removes {@code file} if it exists. */
  void delete(Path file) throws IOException;
}
