package chat.cli.client.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/**
 * What tells one version of a profile file from another without reading it, for a file that other
 * processes of the profile replace (each write renames a new copy into place). {@code settled}: it
 * was looked at over a {@link #TICK_MILLIS} after its last change, so a later change shows in its
 * time; a file looked at sooner is read again at each use until it settles (as Git treats its
 * index).
 */
record FileStamp(FileTime modified, long size, Object fileKey, boolean settled) {
  /**
   * How long after its last change a file's modification time tells it apart from its next version:
   * file systems keep the time in ticks (of a few milliseconds, or up to 2 s on some), and two
   * writes within one tick can leave the same time.
   */
  static final long TICK_MILLIS = 2_000;

  /** A file that does not exist. */
  static final FileStamp ABSENT = new FileStamp(FileTime.fromMillis(0), -1, null, true);

  /**
   * The stamp of {@code file} now: {@link #ABSENT} if it does not exist, empty if it cannot be
   * looked at (a profile folder gone or unreadable).
   */
  static Optional<FileStamp> of(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      FileTime modified = attributes.lastModifiedTime();
      boolean settled = modified.toMillis() < System.currentTimeMillis() - TICK_MILLIS;
      return Optional.of(new FileStamp(modified, attributes.size(), attributes.fileKey(), settled));
    } catch (NoSuchFileException e) {
      return Optional.of(ABSENT);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Whether the file is surely the version {@code earlier} was taken of. */
  boolean sameAs(FileStamp earlier) {
    return settled && equals(earlier);
  }
}
