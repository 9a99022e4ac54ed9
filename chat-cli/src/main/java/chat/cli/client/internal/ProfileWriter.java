package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.PrivateFiles;
import java.nio.file.Path;

/**
 * Writes a file of the profile (the contacts' pinned keys): {@link #FILES} on the disk, mode 0600,
 * through a synced temporary file. Tests give one that fails as a full or read-only profile does.
 */
@FunctionalInterface
public interface ProfileWriter {
  /** The one that writes the disk ({@link PrivateFiles#write}). */
  ProfileWriter FILES = PrivateFiles::write;

  /**
   * Writes {@code data} to {@code file}, replacing it whole.
   *
   * @throws CommandException.FileAccess naming the file and the reason, if it cannot
   */
  void write(Path file, byte[] data);
}
