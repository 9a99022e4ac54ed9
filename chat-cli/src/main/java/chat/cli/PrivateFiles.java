package chat.cli;

import chat.protocol.FolderOwners;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Owner-only files and directories: directories are created {@code 0700} and files {@code 0600}
 * where the file system has POSIX permissions, and files are written to a temporary file in the
 * same directory, synced, then moved into place atomically, so a crash never leaves a half-written
 * key file.
 */
public final class PrivateFiles {
  private static final Set<PosixFilePermission> DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private PrivateFiles() {}

  /** True if {@code path}'s file system supports POSIX permissions. */
  public static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /**
   * Creates {@code dir} and missing parents with mode 0700; an existing directory is kept. Either
   * way it must be this user's ({@link #requireOwn}).
   */
  public static void createDirectory(Path dir) {
    try {
      if (!Files.isDirectory(dir)) {
        if (isPosix(dir)) {
          Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
        } else {
          Files.createDirectories(dir);
        }
      }
    } catch (FileAlreadyExistsException e) {
      throw new CommandException.FileAccess(dir + " exists and is not a directory", e);
    } catch (IOException e) {
      throw FileIo.failure("cannot create directory", dir, e);
    }
    requireOwn(dir);
  }

  /**
   * Refuses a folder that another user could change under this one ({@link FolderOwners#unsafe}):
   * such a user could put keys, pinned certificates or links of their own in it.
   *
   * @throws CommandException.FileAccess naming the folder and why
   */
  public static void requireOwn(Path dir) {
    FolderOwners.unsafe(dir)
        .ifPresent(
            unsafe -> {
              throw new CommandException.FileAccess(
                  dir
                      + (unsafe.itself() ? "" : " (in " + unsafe.folder() + ")")
                      + " is not yours alone: "
                      + unsafe.said()
                      + ", so they could put keys, certificates or links of their own there; use"
                      + " a folder only you can change, such as one in your home folder",
                  null);
            });
  }

  /**
   * Creates {@code file} empty with mode 0600 if it is missing, and makes an existing one 0600: for
   * a file that something else then opens to append to, such as a log.
   */
  public static void createFile(Path file) {
    if (Files.isSymbolicLink(file)) { // what it names is not this profile's to create or restrict
      throw new CommandException.FileAccess(
          file + " is a symbolic link; remove it, and the client makes the file itself", null);
    }
    try {
      if (!isPosix(file)) {
        if (!Files.exists(file)) {
          Files.createFile(file);
        }
        return;
      }
      if (Files.exists(file)) {
        Files.setPosixFilePermissions(file, FILE);
      } else {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
      }
    } catch (FileAlreadyExistsException e) {
      createFile(file); // made meanwhile by another client of this profile: restrict that one
    } catch (IOException e) {
      throw FileIo.failure("cannot create", file, e);
    }
  }

  /** True if {@code dir} is readable or writable by group or others. */
  public static boolean isShared(Path dir) {
    try {
      if (!isPosix(dir)) {
        return false;
      }
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
      permissions.retainAll(
          Set.of(
              PosixFilePermission.GROUP_READ,
              PosixFilePermission.GROUP_WRITE,
              PosixFilePermission.OTHERS_READ,
              PosixFilePermission.OTHERS_WRITE));
      return !permissions.isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  /** Writes {@code data} to {@code target} with mode 0600 through a synced temporary file. */
  public static void write(Path target, byte[] data) {
    write(target, data, true);
  }

  /**
   * As {@link #write(Path, byte[])}, but never replaces a file: one that exists, or appears while
   * the data is written, is left as it is.
   *
   * @throws CommandException.Usage if {@code target} exists
   */
  public static void writeNew(Path target, byte[] data) {
    write(target, data, false);
  }

  private static void write(Path target, byte[] data, boolean replace) {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Path temp = null;
    try {
      FileAttribute<?>[] attributes =
          isPosix(dir)
              ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
              : new FileAttribute<?>[0];
      temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp", attributes);
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      if (replace) {
        move(temp, absolute);
        temp = null;
      } else {
        place(temp, absolute); // the temporary file is deleted below
      }
    } catch (FileAlreadyExistsException e) {
      throw new CommandException.Usage(target + " already exists");
    } catch (IOException e) {
      throw FileIo.failure("cannot write", target, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // best effort; the original error is what matters
        }
      }
    }
  }

  /**
   * Gives {@code to} the content of {@code from} unless {@code to} exists: a hard link fails
   * atomically if it does; where the file system has none (a FAT stick), a move without replacing.
   */
  private static void place(Path from, Path to) throws IOException {
    try {
      Files.createLink(to, from);
    } catch (UnsupportedOperationException | FileSystemException e) {
      if (e instanceof FileAlreadyExistsException exists) {
        throw exists;
      }
      Files.move(from, to);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
